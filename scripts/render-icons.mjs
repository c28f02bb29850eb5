// Re-renders assets/icon.png (512×512) and assets/tray.png (32×32) from assets/icon.svg.
// Needs rsvg-convert (Debian: apt-get install librsvg2-bin); the PNGs are committed, so only run it
// after changing the SVG.
import { execFileSync } from 'node:child_process';

for (const [size, out] of [[512, 'assets/icon.png'], [32, 'assets/tray.png']]) {
  execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), 'assets/icon.svg', '-o', out], { stdio: 'inherit' });
  console.log(`${out} ${size}×${size}`);
}
