// Where the customers' cities are, and how far a store is from one: the reserve panel lists the nearest
// stores first. A customer gives a city name, not coordinates, so the city's centre stands in for them.

export interface LatLon {
  latitude: number;
  longitude: number;
}

/** City centres (WGS 84) of every city the retailer's customers and stores are in. */
const CITY_CENTRES: Readonly<Record<string, LatLon>> = {
  Москва: { latitude: 55.7558, longitude: 37.6173 },
  'Санкт-Петербург': { latitude: 59.9343, longitude: 30.3351 },
  Екатеринбург: { latitude: 56.8389, longitude: 60.6057 },
  Новосибирск: { latitude: 55.0084, longitude: 82.9357 },
  Казань: { latitude: 55.7961, longitude: 49.1064 },
  'Нижний Новгород': { latitude: 56.3269, longitude: 44.0059 },
  Самара: { latitude: 53.1959, longitude: 50.1002 },
  Краснодар: { latitude: 45.0355, longitude: 38.9753 },
  Омск: { latitude: 54.9885, longitude: 73.3242 },
  Красноярск: { latitude: 56.0153, longitude: 92.8932 },
  Иркутск: { latitude: 52.2869, longitude: 104.305 },
  Владивосток: { latitude: 43.1155, longitude: 131.8855 },
  Пермь: { latitude: 58.0105, longitude: 56.2502 },
  Уфа: { latitude: 54.7388, longitude: 55.9721 },
  Челябинск: { latitude: 55.1644, longitude: 61.4368 },
  'Ростов-на-Дону': { latitude: 47.2357, longitude: 39.7015 },
  Воронеж: { latitude: 51.672, longitude: 39.1843 },
  Волгоград: { latitude: 48.708, longitude: 44.5133 },
  Саратов: { latitude: 51.5336, longitude: 46.0343 },
  Калининград: { latitude: 54.7104, longitude: 20.4522 },
  Тюмень: { latitude: 57.1522, longitude: 65.5272 },
  Томск: { latitude: 56.4846, longitude: 84.9476 },
  Барнаул: { latitude: 53.3548, longitude: 83.7698 },
  Хабаровск: { latitude: 48.4802, longitude: 135.0719 },
  Якутск: { latitude: 62.0355, longitude: 129.6755 },
  'Петропавловск-Камчатский': { latitude: 53.0452, longitude: 158.6483 },
};

/** How a city name is compared: case, ё/е, the «г.» prefix and spacing around hyphens do not matter. */
const cityKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/^\s*г\.\s*/, '')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

const byKey = new Map(Object.entries(CITY_CENTRES).map(([name, point]) => [cityKey(name), { name, ...point }]));

/** The city's centre, or null for a city we do not know (or no city at all). */
export function cityCentre(name: string | null | undefined): (LatLon & { name: string }) | null {
  if (!name) return null;
  return byKey.get(cityKey(name)) ?? null;
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine; a sphere is within 0.5% of the ellipsoid here). */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
