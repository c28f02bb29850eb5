import { describe, expect, it } from 'vitest';
import { CHANNEL_LIMITS, checkLength } from './limits.ts';

describe('checkLength', () => {
  it('counts characters on the chat channels and points at the first one over', () => {
    expect(checkLength('a'.repeat(4096), CHANNEL_LIMITS.telegram)).toMatchObject({ used: 4096, overflowAt: null, sms: null });
    expect(checkLength('a'.repeat(4097), CHANNEL_LIMITS.telegram)).toMatchObject({ used: 4097, overflowAt: 4096 });
  });

  it('counts SMS in segments: GSM-7 text overflows at the first septet of the fourth part', () => {
    // 3 × 153 septets fit; the 460th character starts a fourth segment.
    expect(checkLength('a'.repeat(459), CHANNEL_LIMITS.sms)).toMatchObject({ used: 3, overflowAt: null, sms: { encoding: 'GSM-7' } });
    expect(checkLength('a'.repeat(460), CHANNEL_LIMITS.sms)).toMatchObject({ used: 4, overflowAt: 459 });
  });

  it('never splits a two-septet character: 76 "€" fill a 153-septet part, the 229th starts a fourth', () => {
    expect(checkLength('€'.repeat(228), CHANNEL_LIMITS.sms)).toMatchObject({ used: 3, overflowAt: null });
    expect(checkLength('€'.repeat(229), CHANNEL_LIMITS.sms)).toMatchObject({ used: 4, overflowAt: 228 });
  });

  it('holds a one-segment limit to the single-message capacity: 160 septets or 70 UCS-2 units', () => {
    expect(checkLength('a'.repeat(161), { unit: 'segments', max: 1 })).toMatchObject({ used: 2, overflowAt: 160 });
    expect(checkLength(`${'я'.repeat(70)}!`, { unit: 'segments', max: 1 })).toMatchObject({ used: 2, overflowAt: 70 });
  });

  it('counts a Cyrillic SMS in UCS-2 even where the text starts in Latin', () => {
    // 3 × 67 units fit. The Latin prefix would be GSM-7 on its own; the whole text is UCS-2, so it counts so.
    const text = `${'a'.repeat(150)}${'я'.repeat(60)}`;
    expect(checkLength(text, CHANNEL_LIMITS.sms)).toMatchObject({ used: 4, overflowAt: 201, sms: { encoding: 'UCS-2' } });
  });

  it('never splits a surrogate pair: the overflow offset lands before the emoji', () => {
    const text = `${'я'.repeat(200)}😀`;
    expect(checkLength(text, CHANNEL_LIMITS.sms)).toMatchObject({ used: 4, overflowAt: 200 });
  });

  it('lets an empty text fit everywhere', () => {
    for (const limit of Object.values(CHANNEL_LIMITS)) expect(checkLength('', limit).overflowAt).toBeNull();
  });
});
