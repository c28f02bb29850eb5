import { z } from 'zod';

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
/** Local opening hours per weekday in the store's time zone; a missing day means closed. */
export const OpeningHours = z.partialRecord(Weekday, z.object({ open: hhmm, close: hhmm }));
export type OpeningHours = z.infer<typeof OpeningHours>;

export const StoreView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  city: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  timeZone: z.string(),
  openingHours: OpeningHours,
});
export type StoreView = z.infer<typeof StoreView>;

export const StoreGetInput = z.object({ id: z.string().min(1).max(64) });
