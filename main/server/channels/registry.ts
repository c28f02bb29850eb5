// Every channel the hub can speak, one line each.
import type { Channel } from '../../../common/domain/enums.ts';
import type { ChannelAdapter } from './contract.ts';
import { emailAdapter } from './email/index.ts';
import { smsAdapter } from './sms/index.ts';
import { telegramAdapter } from './telegram/index.ts';
import { webchatAdapter } from './webchat/index.ts';

export type AdapterRegistry = Partial<Record<Channel, ChannelAdapter<unknown>>>;

export const channelAdapters: AdapterRegistry = {
  email: emailAdapter as ChannelAdapter<unknown>,
  sms: smsAdapter as ChannelAdapter<unknown>,
  telegram: telegramAdapter as ChannelAdapter<unknown>,
  webchat: webchatAdapter as ChannelAdapter<unknown>,
};
