import { describe, expect, it } from 'vitest';
import { smsSegments } from './sms.ts';

describe('smsSegments: GSM-7', () => {
  it('counts nothing for an empty text', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0, perSegment: 160, remainingInSegment: 160 });
  });

  it('keeps plain English in GSM-7', () => {
    expect(smsSegments('Your order is ready for pickup.')).toMatchObject({ encoding: 'GSM-7', units: 31, segments: 1, remainingInSegment: 129 });
  });

  it('fits 160 characters in one segment and splits 161 into two of 153', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160, remainingInSegment: 0 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153, remainingInSegment: 145 });
  });

  it('fills 153 × 2 exactly and starts a third part at 307', () => {
    expect(smsSegments('a'.repeat(306))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(smsSegments('a'.repeat(307))).toMatchObject({ segments: 3, remainingInSegment: 152 });
  });

  it('counts extension characters as two septets', () => {
    expect(smsSegments('€[]{}^~|\\')).toMatchObject({ encoding: 'GSM-7', units: 18, segments: 1 });
    expect(smsSegments('€'.repeat(80))).toMatchObject({ units: 160, segments: 1, remainingInSegment: 0 });
    expect(smsSegments('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
  });

  it('does not split an escape pair across segments', () => {
    // 152 septets, then a 2-septet "€" that cannot straddle the part boundary.
    const text = 'a'.repeat(152) + '€' + 'a'.repeat(10);
    expect(smsSegments(text)).toMatchObject({ units: 164, segments: 2, remainingInSegment: 153 - 12 });
  });

  it('knows the GSM-7 accented letters and symbols', () => {
    expect(smsSegments('@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¡ÄÖÑÜ§¿äöñüà\r\n')).toMatchObject({ encoding: 'GSM-7' });
    expect(smsSegments('ç')).toMatchObject({ encoding: 'UCS-2' });
  });
});

describe('smsSegments: UCS-2', () => {
  it('switches to UCS-2 for Cyrillic', () => {
    expect(smsSegments('Ваш заказ готов к выдаче')).toMatchObject({ encoding: 'UCS-2', units: 24, segments: 1, perSegment: 70, remainingInSegment: 46 });
  });

  it('fits 70 Cyrillic characters in one segment and splits 71 into two of 67', () => {
    expect(smsSegments('я'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70, remainingInSegment: 0 });
    expect(smsSegments('я'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67, remainingInSegment: 63 });
  });

  it('fills 67 × 2 exactly and starts a third part at 135', () => {
    expect(smsSegments('ж'.repeat(134))).toMatchObject({ segments: 2, remainingInSegment: 0 });
    expect(smsSegments('ж'.repeat(135))).toMatchObject({ segments: 3, remainingInSegment: 66 });
  });

  it('turns a whole English text into UCS-2 for one Cyrillic letter', () => {
    expect(smsSegments('a'.repeat(69) + 'ы')).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSegments('a'.repeat(70) + 'ы')).toMatchObject({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  it('counts an emoji as two code units and never splits it', () => {
    expect(smsSegments('👍')).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(smsSegments('я'.repeat(68) + '👍')).toMatchObject({ units: 70, segments: 1, remainingInSegment: 0 });
    // 66 units, then a surrogate pair that would straddle the 67-unit boundary.
    expect(smsSegments('я'.repeat(66) + '👍' + 'я'.repeat(3))).toMatchObject({ units: 71, segments: 2, remainingInSegment: 62 });
  });

  it('counts a 10,000-character Russian SMS', () => {
    expect(smsSegments('щ'.repeat(10_000))).toEqual({ encoding: 'UCS-2', units: 10_000, segments: 150, perSegment: 67, remainingInSegment: 67 * 150 - 10_000 });
  });

  it('counts a 10,000-character English SMS', () => {
    expect(smsSegments('x'.repeat(10_000))).toEqual({ encoding: 'GSM-7', units: 10_000, segments: 66, perSegment: 153, remainingInSegment: 153 * 66 - 10_000 });
  });
});
