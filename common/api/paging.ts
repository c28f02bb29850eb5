import { z } from 'zod';

/** Keyset pagination: the cursor is opaque to clients; pages never use OFFSET. */
export const PageQuery = z.object({
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
