// zod would probe `new Function` to decide whether it may compile parsers; under the desk's CSP (no
// 'unsafe-eval') that probe is refused and logged as a CSP violation. Tell zod up front not to try.
import { z } from 'zod';

z.config({ jitless: true });
