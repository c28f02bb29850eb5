// Every channel the hub can speak, one line each.
import type { Channel } from '../../../common/domain/enums.ts';
import type { ChannelAdapter } from './contract.ts';
import { smsAdapter } from './sms/index.ts';
import { telegramAdapter } from './telegram/index.ts';

export type AdapterRegistry = Partial<Record<Channel, ChannelAdapter<unknown>>>;

export const channelAdapters: AdapterRegistry = {
  sms: smsAdapter as ChannelAdapter<unknown>,
  telegram: telegramAdapter as ChannelAdapter<unknown>,
};
