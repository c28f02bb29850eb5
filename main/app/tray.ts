// Optional tray icon (`--tray`): a click shows the desk; closing the window then hides it instead of quitting.
import { Menu, nativeImage, Tray } from 'electron';

export function createTray(iconPath: string, onActivate: () => void): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip('Threadline');
  tray.on('click', onActivate);
  // Linux app indicators report no clicks, so the menu opens the desk too. The product name and a role
  // (labelled by Electron) leave nothing to translate.
  tray.setContextMenu(Menu.buildFromTemplate([{ label: 'Threadline', click: onActivate }, { type: 'separator' }, { role: 'quit' }]));
  return tray;
}
