import { useT } from '../app/i18n.ts';
// Russia's IANA time zones (eleven offsets), west to east, for the customer's time zone select.
export const russianTimeZones = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Kirov',
  'Europe/Volgograd',
  'Europe/Astrakhan',
  'Europe/Saratov',
  'Europe/Ulyanovsk',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Barnaul',
  'Asia/Tomsk',
  'Asia/Novokuznetsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Chita',
  'Asia/Yakutsk',
  'Asia/Khandyga',
  'Asia/Vladivostok',
  'Asia/Ust-Nera',
  'Asia/Magadan',
  'Asia/Sakhalin',
  'Asia/Srednekolymsk',
  'Asia/Kamchatka',
  'Asia/Anadyr',
] as const;
export type RussianTimeZone = (typeof russianTimeZones)[number];

export const isRussianTimeZone = (zone: string): zone is RussianTimeZone => (russianTimeZones as readonly string[]).includes(zone);

/** "Владивосток" for Asia/Vladivostok; other zones by their IANA name. */
export function useTimeZoneName(): (zone: string) => string {
  const { t } = useT();
  return (zone) => (isRussianTimeZone(zone) ? t(`common:TimeZone.${zone}`) : zone);
}
