// Where the demo retailer's stores and customers are: twenty stores in twelve cities across seven
// time zones, and customers in those cities and a few others (who order online or by phone).
import type { OpeningHours } from '../../../common/api/stores.ts';

export interface City {
  name: string;
  timeZone: string;
  /** Share of customers living there, relative to the other cities. */
  weight: number;
}

export const CITIES: readonly City[] = [
  { name: 'Москва', timeZone: 'Europe/Moscow', weight: 30 },
  { name: 'Санкт-Петербург', timeZone: 'Europe/Moscow', weight: 14 },
  { name: 'Екатеринбург', timeZone: 'Asia/Yekaterinburg', weight: 6 },
  { name: 'Новосибирск', timeZone: 'Asia/Novosibirsk', weight: 6 },
  { name: 'Казань', timeZone: 'Europe/Moscow', weight: 5 },
  { name: 'Нижний Новгород', timeZone: 'Europe/Moscow', weight: 4 },
  { name: 'Самара', timeZone: 'Europe/Samara', weight: 3 },
  { name: 'Краснодар', timeZone: 'Europe/Moscow', weight: 4 },
  { name: 'Омск', timeZone: 'Asia/Omsk', weight: 3 },
  { name: 'Красноярск', timeZone: 'Asia/Krasnoyarsk', weight: 3 },
  { name: 'Иркутск', timeZone: 'Asia/Irkutsk', weight: 2 },
  { name: 'Владивосток', timeZone: 'Asia/Vladivostok', weight: 2 },
  // No store here: these customers buy online or by phone.
  { name: 'Пермь', timeZone: 'Asia/Yekaterinburg', weight: 2 },
  { name: 'Уфа', timeZone: 'Asia/Yekaterinburg', weight: 2 },
  { name: 'Челябинск', timeZone: 'Asia/Yekaterinburg', weight: 2 },
  { name: 'Ростов-на-Дону', timeZone: 'Europe/Moscow', weight: 2 },
  { name: 'Воронеж', timeZone: 'Europe/Moscow', weight: 2 },
  { name: 'Волгоград', timeZone: 'Europe/Volgograd', weight: 1 },
  { name: 'Саратов', timeZone: 'Europe/Saratov', weight: 1 },
  { name: 'Калининград', timeZone: 'Europe/Kaliningrad', weight: 1 },
  { name: 'Тюмень', timeZone: 'Asia/Yekaterinburg', weight: 1 },
  { name: 'Томск', timeZone: 'Asia/Tomsk', weight: 1 },
  { name: 'Барнаул', timeZone: 'Asia/Barnaul', weight: 1 },
  { name: 'Хабаровск', timeZone: 'Asia/Vladivostok', weight: 1 },
  { name: 'Якутск', timeZone: 'Asia/Yakutsk', weight: 0.5 },
  { name: 'Петропавловск-Камчатский', timeZone: 'Asia/Kamchatka', weight: 0.3 },
];

export interface StoreSeed {
  code: string;
  name: string;
  city: string;
  address: string;
  /** Where it is, as a customer says it: «в магазине на Тверской». */
  place: string;
  latitude: number;
  longitude: number;
  openingHours: OpeningHours;
}

const daily = (open: string, close: string): OpeningHours => ({
  mon: { open, close },
  tue: { open, close },
  wed: { open, close },
  thu: { open, close },
  fri: { open, close },
  sat: { open, close },
  sun: { open, close },
});

/** A shopping-centre store keeps the centre's hours; a street store opens earlier on weekdays. */
const MALL = daily('10:00', '22:00');
const STREET: OpeningHours = {
  ...daily('09:00', '21:00'),
  sat: { open: '10:00', close: '20:00' },
  sun: { open: '10:00', close: '20:00' },
};
/** A small store closed on Sundays: the desk must show "closed", not invent hours. */
const SMALL: OpeningHours = {
  mon: { open: '10:00', close: '20:00' },
  tue: { open: '10:00', close: '20:00' },
  wed: { open: '10:00', close: '20:00' },
  thu: { open: '10:00', close: '20:00' },
  fri: { open: '10:00', close: '20:00' },
  sat: { open: '11:00', close: '18:00' },
};

export const STORES: readonly StoreSeed[] = [
  { code: 'MSK-01', name: 'Ампер Тверская', place: 'на Тверской', city: 'Москва', address: 'Москва, ул. Тверская, д. 22', latitude: 55.7667, longitude: 37.6009, openingHours: STREET },
  { code: 'MSK-02', name: 'Ампер Авиапарк', place: 'в ТРЦ «Авиапарк»', city: 'Москва', address: 'Москва, Ходынский бульвар, д. 4, ТРЦ «Авиапарк», 2 этаж', latitude: 55.7903, longitude: 37.5312, openingHours: MALL },
  { code: 'MSK-03', name: 'Ампер Щёлковская', place: 'на Щёлковском шоссе', city: 'Москва', address: 'Москва, Щёлковское шоссе, д. 75', latitude: 55.8106, longitude: 37.7983, openingHours: STREET },
  { code: 'MSK-04', name: 'Ампер Калужская', place: 'в ТЦ «Калужский»', city: 'Москва', address: 'Москва, ул. Профсоюзная, д. 61А, ТЦ «Калужский»', latitude: 55.6616, longitude: 37.5407, openingHours: MALL },
  { code: 'SPB-01', name: 'Ампер Невский', place: 'на Невском', city: 'Санкт-Петербург', address: 'Санкт-Петербург, Невский проспект, д. 114', latitude: 59.9311, longitude: 30.3609, openingHours: STREET },
  { code: 'SPB-02', name: 'Ампер Просвещения', place: 'в ТРК «Норд»', city: 'Санкт-Петербург', address: 'Санкт-Петербург, пр. Просвещения, д. 19, ТРК «Норд»', latitude: 60.051, longitude: 30.333, openingHours: MALL },
  { code: 'SPB-03', name: 'Ампер Московский', place: 'на Московском проспекте', city: 'Санкт-Петербург', address: 'Санкт-Петербург, Московский проспект, д. 137', latitude: 59.8719, longitude: 30.319, openingHours: STREET },
  { code: 'EKB-01', name: 'Ампер Гринвич', place: 'в ТРЦ «Гринвич»', city: 'Екатеринбург', address: 'Екатеринбург, ул. 8 Марта, д. 46, ТРЦ «Гринвич»', latitude: 56.8274, longitude: 60.5995, openingHours: MALL },
  { code: 'EKB-02', name: 'Ампер Металлургов', place: 'на Металлургов', city: 'Екатеринбург', address: 'Екатеринбург, ул. Металлургов, д. 87', latitude: 56.8035, longitude: 60.5126, openingHours: MALL },
  { code: 'NSK-01', name: 'Ампер Красный проспект', place: 'на Красном проспекте', city: 'Новосибирск', address: 'Новосибирск, Красный проспект, д. 101', latitude: 55.0588, longitude: 82.9149, openingHours: STREET },
  { code: 'NSK-02', name: 'Ампер Фрунзе', place: 'на Фрунзе', city: 'Новосибирск', address: 'Новосибирск, ул. Фрунзе, д. 238', latitude: 55.044, longitude: 82.977, openingHours: MALL },
  { code: 'KZN-01', name: 'Ампер Баумана', place: 'на Баумана', city: 'Казань', address: 'Казань, ул. Баумана, д. 51', latitude: 55.7906, longitude: 49.1147, openingHours: STREET },
  { code: 'KZN-02', name: 'Ампер Победы', place: 'на проспекте Победы', city: 'Казань', address: 'Казань, пр. Победы, д. 141', latitude: 55.756, longitude: 49.215, openingHours: MALL },
  { code: 'NNV-01', name: 'Ампер Покровка', place: 'на Покровке', city: 'Нижний Новгород', address: 'Нижний Новгород, ул. Большая Покровская, д. 39', latitude: 56.3155, longitude: 44.0002, openingHours: STREET },
  { code: 'SMR-01', name: 'Ампер Московское шоссе', place: 'на Московском шоссе', city: 'Самара', address: 'Самара, Московское шоссе, д. 81Б', latitude: 53.222, longitude: 50.193, openingHours: MALL },
  { code: 'KRD-01', name: 'Ампер Красная', place: 'на Красной', city: 'Краснодар', address: 'Краснодар, ул. Красная, д. 176', latitude: 45.0512, longitude: 38.9776, openingHours: STREET },
  { code: 'OMS-01', name: 'Ампер Ленина', place: 'на Ленина', city: 'Омск', address: 'Омск, ул. Ленина, д. 18', latitude: 54.985, longitude: 73.37, openingHours: SMALL },
  { code: 'KJA-01', name: 'Ампер Карла Маркса', place: 'на Карла Маркса', city: 'Красноярск', address: 'Красноярск, ул. Карла Маркса, д. 95', latitude: 56.0113, longitude: 92.872, openingHours: STREET },
  { code: 'IKT-01', name: 'Ампер Иркутск', place: 'на Карла Маркса', city: 'Иркутск', address: 'Иркутск, ул. Карла Маркса, д. 25', latitude: 52.2847, longitude: 104.2835, openingHours: SMALL },
  { code: 'VVO-01', name: 'Ампер Светланская', place: 'на Светланской', city: 'Владивосток', address: 'Владивосток, ул. Светланская, д. 29', latitude: 43.116, longitude: 131.886, openingHours: STREET },
];

export function cityNamed(name: string): City {
  const city = CITIES.find((c) => c.name === name);
  if (!city) throw new Error(`No demo city named ${name}`);
  return city;
}
