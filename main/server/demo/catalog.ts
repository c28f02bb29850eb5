// The demo catalogue: ~500 products built from real model lines (graphics cards, laptops, smartphones,
// accessories) with Russian retail names, 7-digit article numbers, EAN-13 barcodes and prices in kopecks.
import type { Random } from './random.ts';

/** Product.category values the demo uses (the schema keeps it a free string; there is no shared enum yet). */
export type ProductCategory = 'graphics_card' | 'laptop' | 'smartphone' | 'accessory';

export interface ProductSeed {
  sku: string;
  barcode: string;
  name: string;
  brand: string;
  category: ProductCategory;
  priceKopecks: number;
}

interface Draft {
  name: string;
  brand: string;
  category: ProductCategory;
  /** List price in roubles before rounding to a retail price ending in 90 or 99. */
  rubles: number;
}

// ---- graphics cards -------------------------------------------------------------------------------

const NVIDIA_CHIPS: readonly (readonly [string, number, number])[] = [
  ['RTX 3050', 8, 24_000],
  ['RTX 4060', 8, 33_000],
  ['RTX 4060 Ti', 8, 42_000],
  ['RTX 4060 Ti', 16, 50_000],
  ['RTX 4070', 12, 62_000],
  ['RTX 4070 SUPER', 12, 70_000],
  ['RTX 4070 Ti SUPER', 16, 92_000],
  ['RTX 4080 SUPER', 16, 125_000],
  ['RTX 4090', 24, 230_000],
  ['RTX 5060 Ti', 16, 55_000],
  ['RTX 5070', 12, 72_000],
  ['RTX 5070 Ti', 16, 105_000],
  ['RTX 5080', 16, 145_000],
  ['RTX 5090', 32, 330_000],
];
const AMD_CHIPS: readonly (readonly [string, number, number])[] = [
  ['RX 6600', 8, 25_000],
  ['RX 7600', 8, 30_000],
  ['RX 7600 XT', 16, 37_000],
  ['RX 7700 XT', 12, 47_000],
  ['RX 7800 XT', 16, 58_000],
  ['RX 7900 GRE', 16, 66_000],
  ['RX 7900 XT', 20, 82_000],
  ['RX 7900 XTX', 24, 105_000],
  ['RX 9070', 16, 70_000],
  ['RX 9070 XT', 16, 80_000],
];
/** Board partner, its card series and the premium each series carries over the chip's base price. */
const NVIDIA_SERIES: readonly (readonly [string, string, number])[] = [
  ['MSI', 'VENTUS 2X OC', 1.0],
  ['MSI', 'VENTUS 3X OC', 1.04],
  ['MSI', 'GAMING X SLIM', 1.1],
  ['MSI', 'SUPRIM X', 1.2],
  ['ASUS', 'DUAL OC', 1.02],
  ['ASUS', 'TUF Gaming OC', 1.1],
  ['ASUS', 'ROG Strix OC', 1.25],
  ['ASUS', 'PRIME OC', 1.03],
  ['Gigabyte', 'WINDFORCE OC', 1.0],
  ['Gigabyte', 'EAGLE OC', 1.03],
  ['Gigabyte', 'GAMING OC', 1.08],
  ['Gigabyte', 'AORUS MASTER', 1.22],
  ['Palit', 'Dual', 0.98],
  ['Palit', 'JetStream', 1.0],
  ['Palit', 'GamingPro OC', 1.03],
  ['Zotac', 'Twin Edge OC', 0.99],
  ['Zotac', 'Trinity OC', 1.05],
  ['Zotac', 'AMP Extreme AIRO', 1.15],
];
const AMD_SERIES: readonly (readonly [string, string, number])[] = [
  ['Sapphire', 'PULSE', 1.0],
  ['Sapphire', 'NITRO+', 1.1],
  ['PowerColor', 'Fighter', 0.98],
  ['PowerColor', 'Hellhound', 1.03],
  ['PowerColor', 'Red Devil', 1.12],
  ['ASRock', 'Challenger OC', 0.99],
  ['ASRock', 'Steel Legend OC', 1.04],
  ['ASRock', 'Phantom Gaming OC', 1.1],
  ['ASUS', 'DUAL OC', 1.02],
  ['ASUS', 'TUF Gaming OC', 1.1],
  ['Gigabyte', 'GAMING OC', 1.06],
  ['XFX', 'Speedster SWFT 210', 0.99],
  ['XFX', 'Speedster MERC 310', 1.08],
];

function graphicsCards(): Draft[] {
  const drafts: Draft[] = [];
  for (const [chip, memory, rubles] of NVIDIA_CHIPS) {
    for (const [brand, series, premium] of NVIDIA_SERIES) {
      drafts.push({ name: `Видеокарта ${brand} NVIDIA GeForce ${chip} ${series} ${memory} ГБ`, brand, category: 'graphics_card', rubles: rubles * premium });
    }
  }
  for (const [chip, memory, rubles] of AMD_CHIPS) {
    for (const [brand, series, premium] of AMD_SERIES) {
      drafts.push({ name: `Видеокарта ${brand} AMD Radeon ${chip} ${series} ${memory} ГБ`, brand, category: 'graphics_card', rubles: rubles * premium });
    }
  }
  return drafts;
}

// ---- laptops ------------------------------------------------------------------------------------------

interface LaptopLine {
  brand: string;
  model: string;
  screen: string;
  cpus: readonly string[];
  gpus: readonly (readonly [string, number])[];
  rubles: number;
}

const LAPTOP_LINES: readonly LaptopLine[] = [
  { brand: 'ASUS', model: 'VivoBook 15 X1504VA', screen: '15.6"', cpus: ['Intel Core i3-1315U', 'Intel Core i5-1335U', 'Intel Core i7-1355U'], gpus: [], rubles: 42_000 },
  { brand: 'ASUS', model: 'Zenbook 14 OLED UX3405MA', screen: '14"', cpus: ['Intel Core Ultra 5 125H', 'Intel Core Ultra 7 155H'], gpus: [], rubles: 95_000 },
  { brand: 'ASUS', model: 'TUF Gaming A15 FA507NV', screen: '15.6"', cpus: ['AMD Ryzen 5 7535HS', 'AMD Ryzen 7 7735HS'], gpus: [['RTX 4050 6 ГБ', 0], ['RTX 4060 8 ГБ', 12_000]], rubles: 85_000 },
  { brand: 'ASUS', model: 'ROG Strix G16 G614JV', screen: '16"', cpus: ['Intel Core i7-13650HX', 'Intel Core i9-14900HX'], gpus: [['RTX 4060 8 ГБ', 0], ['RTX 4070 8 ГБ', 25_000]], rubles: 140_000 },
  { brand: 'Lenovo', model: 'IdeaPad Slim 3 15IAN8', screen: '15.6"', cpus: ['Intel Core i3-N305', 'Intel Core i5-12450H'], gpus: [], rubles: 38_000 },
  { brand: 'Lenovo', model: 'ThinkPad E14 Gen 5', screen: '14"', cpus: ['Intel Core i5-1335U', 'Intel Core i7-1355U'], gpus: [], rubles: 80_000 },
  { brand: 'Lenovo', model: 'Legion 5 16IRX9', screen: '16"', cpus: ['Intel Core i7-14650HX'], gpus: [['RTX 4060 8 ГБ', 0], ['RTX 4070 8 ГБ', 22_000]], rubles: 150_000 },
  { brand: 'Lenovo', model: 'LOQ 15IRX9', screen: '15.6"', cpus: ['Intel Core i5-13450HX', 'Intel Core i7-13650HX'], gpus: [['RTX 3050 6 ГБ', 0], ['RTX 4050 6 ГБ', 8_000], ['RTX 4060 8 ГБ', 16_000]], rubles: 82_000 },
  { brand: 'HP', model: '15s-fq5000', screen: '15.6"', cpus: ['Intel Core i3-1215U', 'Intel Core i5-1235U'], gpus: [], rubles: 40_000 },
  { brand: 'HP', model: 'Victus 16-s0000', screen: '16.1"', cpus: ['AMD Ryzen 5 7640HS', 'AMD Ryzen 7 7840HS'], gpus: [['RTX 4050 6 ГБ', 0], ['RTX 4060 8 ГБ', 12_000]], rubles: 95_000 },
  { brand: 'HP', model: 'OMEN 16-xf0000', screen: '16.1"', cpus: ['AMD Ryzen 7 7840HS'], gpus: [['RTX 4060 8 ГБ', 0], ['RTX 4070 8 ГБ', 20_000]], rubles: 140_000 },
  { brand: 'Acer', model: 'Aspire 5 A515-58M', screen: '15.6"', cpus: ['Intel Core i5-1335U', 'Intel Core i7-1355U'], gpus: [], rubles: 55_000 },
  { brand: 'Acer', model: 'Nitro V 15 ANV15-51', screen: '15.6"', cpus: ['Intel Core i5-13420H', 'Intel Core i7-13620H'], gpus: [['RTX 2050 4 ГБ', 0], ['RTX 3050 6 ГБ', 6_000], ['RTX 4050 6 ГБ', 14_000]], rubles: 70_000 },
  { brand: 'MSI', model: 'Katana 15 B13VFK', screen: '15.6"', cpus: ['Intel Core i7-13620H'], gpus: [['RTX 4060 8 ГБ', 0]], rubles: 115_000 },
  { brand: 'MSI', model: 'Thin GF63 12VE', screen: '15.6"', cpus: ['Intel Core i5-12450H', 'Intel Core i7-12650H'], gpus: [['RTX 4050 6 ГБ', 0]], rubles: 78_000 },
  { brand: 'Huawei', model: 'MateBook D 16 MCLF-X', screen: '16"', cpus: ['Intel Core i5-12450H', 'Intel Core i5-13420H'], gpus: [], rubles: 60_000 },
  { brand: 'HONOR', model: 'MagicBook X16 2024', screen: '16"', cpus: ['Intel Core i5-12450H'], gpus: [], rubles: 55_000 },
];
const LAPTOP_MEMORY: readonly (readonly [number, number])[] = [
  [8, 0],
  [16, 6_000],
  [32, 16_000],
];
const LAPTOP_STORAGE: readonly (readonly [string, number])[] = [
  ['256 ГБ', 0],
  ['512 ГБ', 4_000],
  ['1 ТБ', 11_000],
];
const MACBOOKS: readonly Draft[] = [
  ...['«полночь»', '«сияющая звезда»', 'серый космос', 'серебристый'].flatMap((colour) => [
    { name: `Ноутбук Apple MacBook Air 13" M3 8 ГБ 256 ГБ SSD ${colour}`, brand: 'Apple', category: 'laptop' as const, rubles: 115_000 },
    { name: `Ноутбук Apple MacBook Air 13" M3 16 ГБ 512 ГБ SSD ${colour}`, brand: 'Apple', category: 'laptop' as const, rubles: 150_000 },
    { name: `Ноутбук Apple MacBook Air 15" M3 16 ГБ 512 ГБ SSD ${colour}`, brand: 'Apple', category: 'laptop' as const, rubles: 170_000 },
  ]),
  ...['серебристый', '«чёрный космос»'].flatMap((colour) => [
    { name: `Ноутбук Apple MacBook Pro 14" M4 16 ГБ 512 ГБ SSD ${colour}`, brand: 'Apple', category: 'laptop' as const, rubles: 190_000 },
    { name: `Ноутбук Apple MacBook Pro 14" M4 Pro 24 ГБ 1 ТБ SSD ${colour}`, brand: 'Apple', category: 'laptop' as const, rubles: 260_000 },
  ]),
];

function laptops(): Draft[] {
  const drafts: Draft[] = [...MACBOOKS];
  for (const line of LAPTOP_LINES) {
    const gpus = line.gpus.length > 0 ? line.gpus : [[null, 0] as const];
    for (const cpu of line.cpus) {
      for (const [gpu, gpuExtra] of gpus) {
        for (const [ram, ramExtra] of LAPTOP_MEMORY) {
          // Gaming machines do not ship with 8 GB, office ones rarely with 32.
          if ((gpu && ram === 8) || (!gpu && ram === 32)) continue;
          for (const [ssd, ssdExtra] of LAPTOP_STORAGE) {
            if (ram >= 16 && ssd === '256 ГБ') continue;
            const cpuExtra = line.cpus.indexOf(cpu) * 12_000;
            drafts.push({
              name: `Ноутбук ${line.brand} ${line.model} ${line.screen} ${cpu} ${ram} ГБ ${ssd} SSD${gpu ? ` NVIDIA GeForce ${gpu}` : ''}`,
              brand: line.brand,
              category: 'laptop',
              rubles: line.rubles + cpuExtra + gpuExtra + ramExtra + ssdExtra,
            });
          }
        }
      }
    }
  }
  return drafts;
}

// ---- smartphones --------------------------------------------------------------------------------------

interface PhoneLine {
  brand: string;
  model: string;
  /** Memory variant as printed ("8/256 ГБ" or "128 ГБ") and its price. */
  variants: readonly (readonly [string, number])[];
  colours: readonly string[];
}

const PHONE_LINES: readonly PhoneLine[] = [
  { brand: 'Apple', model: 'iPhone 15', variants: [['128 ГБ', 80_000], ['256 ГБ', 95_000], ['512 ГБ', 120_000]], colours: ['черный', 'синий', 'розовый', 'зеленый'] },
  { brand: 'Apple', model: 'iPhone 15 Pro', variants: [['128 ГБ', 110_000], ['256 ГБ', 125_000]], colours: ['натуральный титан', 'черный титан', 'белый титан'] },
  { brand: 'Apple', model: 'iPhone 16', variants: [['128 ГБ', 90_000], ['256 ГБ', 105_000]], colours: ['черный', 'белый', 'ультрамарин', 'бирюзовый'] },
  { brand: 'Apple', model: 'iPhone 16 Pro Max', variants: [['256 ГБ', 150_000], ['512 ГБ', 175_000]], colours: ['пустынный титан', 'черный титан'] },
  { brand: 'Samsung', model: 'Galaxy S24', variants: [['8/256 ГБ', 75_000], ['8/512 ГБ', 85_000]], colours: ['черный', 'фиолетовый', 'желтый', 'серый'] },
  { brand: 'Samsung', model: 'Galaxy S24 Ultra', variants: [['12/256 ГБ', 120_000], ['12/512 ГБ', 135_000]], colours: ['черный титан', 'серый титан', 'фиолетовый титан'] },
  { brand: 'Samsung', model: 'Galaxy A55', variants: [['8/128 ГБ', 38_000], ['8/256 ГБ', 43_000]], colours: ['темно-синий', 'голубой', 'лиловый'] },
  { brand: 'Samsung', model: 'Galaxy A35', variants: [['6/128 ГБ', 30_000], ['8/256 ГБ', 35_000]], colours: ['темно-синий', 'голубой', 'лимонный'] },
  { brand: 'Samsung', model: 'Galaxy A15', variants: [['4/128 ГБ', 16_000], ['6/128 ГБ', 18_000]], colours: ['черный', 'голубой', 'желтый'] },
  { brand: 'Xiaomi', model: 'Redmi Note 13 Pro', variants: [['8/256 ГБ', 28_000], ['12/512 ГБ', 34_000]], colours: ['черный', 'фиолетовый', 'зеленый'] },
  { brand: 'Xiaomi', model: 'Redmi Note 13', variants: [['6/128 ГБ', 18_000], ['8/256 ГБ', 21_000]], colours: ['черный', 'голубой', 'зеленый'] },
  { brand: 'Xiaomi', model: '14T', variants: [['12/256 ГБ', 55_000], ['12/512 ГБ', 60_000]], colours: ['черный', 'серый', 'синий'] },
  { brand: 'POCO', model: 'X6 Pro', variants: [['8/256 ГБ', 30_000], ['12/512 ГБ', 36_000]], colours: ['черный', 'желтый', 'серый'] },
  { brand: 'POCO', model: 'M6 Pro', variants: [['8/256 ГБ', 20_000], ['12/512 ГБ', 24_000]], colours: ['черный', 'синий', 'фиолетовый'] },
  { brand: 'HONOR', model: '200', variants: [['8/256 ГБ', 40_000], ['12/512 ГБ', 47_000]], colours: ['черный', 'белый', 'зеленый'] },
  { brand: 'HONOR', model: 'X8b', variants: [['8/128 ГБ', 20_000], ['8/256 ГБ', 23_000]], colours: ['черный', 'серебристый', 'зеленый'] },
  { brand: 'realme', model: '12 Pro+', variants: [['8/256 ГБ', 35_000], ['12/512 ГБ', 41_000]], colours: ['синий', 'бежевый'] },
  { brand: 'TECNO', model: 'POVA 6 Pro', variants: [['8/256 ГБ', 22_000], ['12/256 ГБ', 25_000]], colours: ['серый', 'зеленый'] },
  { brand: 'Samsung', model: 'Galaxy Z Flip6', variants: [['12/256 ГБ', 95_000], ['12/512 ГБ', 108_000]], colours: ['серый', 'голубой', 'мятный'] },
  { brand: 'Xiaomi', model: 'Redmi 13', variants: [['6/128 ГБ', 12_000], ['8/256 ГБ', 15_000]], colours: ['черный', 'синий', 'розовый'] },
  { brand: 'HONOR', model: 'Magic6 Pro', variants: [['12/512 ГБ', 90_000]], colours: ['черный', 'зеленый'] },
  { brand: 'Infinix', model: 'NOTE 40 Pro', variants: [['8/256 ГБ', 21_000]], colours: ['черный', 'зеленый'] },
  { brand: 'vivo', model: 'V30', variants: [['12/256 ГБ', 40_000]], colours: ['черный', 'белый', 'зеленый'] },
  { brand: 'realme', model: 'C67', variants: [['8/256 ГБ', 15_000]], colours: ['черный', 'зеленый'] },
];

function smartphones(): Draft[] {
  return PHONE_LINES.flatMap((line) =>
    line.variants.flatMap(([memory, rubles]) =>
      line.colours.map((colour) => ({
        name: `Смартфон ${line.brand} ${line.model} ${memory} ${colour}`,
        brand: line.brand,
        category: 'smartphone' as const,
        rubles,
      })),
    ),
  );
}

// ---- accessories --------------------------------------------------------------------------------------

const ACCESSORIES: readonly (readonly [string, string, number, readonly string[]])[] = [
  ['Apple', 'Наушники беспроводные Apple AirPods Pro (2-го поколения) USB-C', 24_000, ['']],
  ['Apple', 'Наушники беспроводные Apple AirPods 4', 15_000, ['']],
  ['Samsung', 'Наушники беспроводные Samsung Galaxy Buds3 Pro', 18_000, ['серебристые', 'белые']],
  ['JBL', 'Наушники беспроводные JBL Tune 520BT', 4_500, ['черные', 'белые', 'синие']],
  ['Sony', 'Наушники беспроводные Sony WH-1000XM5', 35_000, ['черные', 'серебристые']],
  ['Xiaomi', 'Наушники беспроводные Xiaomi Redmi Buds 6 Active', 1_800, ['черные', 'белые']],
  ['HONOR', 'Наушники беспроводные HONOR Choice Earbuds X5', 2_500, ['черные', 'белые']],
  ['Logitech', 'Мышь проводная Logitech G102 LIGHTSYNC', 1_900, ['черная', 'белая']],
  ['Logitech', 'Мышь беспроводная Logitech MX Master 3S', 10_000, ['графитовая', 'светло-серая']],
  ['Razer', 'Мышь проводная Razer DeathAdder Essential', 2_200, ['черная']],
  ['Logitech', 'Клавиатура проводная Logitech K120', 1_200, ['']],
  ['Logitech', 'Клавиатура беспроводная Logitech G PRO X TKL', 15_000, ['черная', 'белая']],
  ['Redragon', 'Клавиатура проводная Redragon Kumara K552', 3_000, ['']],
  ['Apple', 'Сетевое зарядное устройство Apple 20 Вт USB-C', 2_500, ['']],
  ['Anker', 'Сетевое зарядное устройство Anker 735 65 Вт', 5_000, ['']],
  ['Samsung', 'Сетевое зарядное устройство Samsung 25 Вт USB-C', 2_000, ['черное', 'белое']],
  ['Xiaomi', 'Внешний аккумулятор Xiaomi Power Bank 20000 мА·ч 22.5 Вт', 2_300, ['черный', 'белый']],
  ['Anker', 'Внешний аккумулятор Anker PowerCore 10000 мА·ч', 2_500, ['']],
  ['Apple', 'Кабель Apple USB-C – Lightning 1 м', 2_000, ['']],
  ['UGREEN', 'Кабель UGREEN USB-C – USB-C 100 Вт 2 м', 900, ['']],
  ['Samsung', 'SSD-накопитель Samsung 990 PRO M.2 NVMe 1 ТБ', 11_000, ['']],
  ['Samsung', 'SSD-накопитель Samsung 990 PRO M.2 NVMe 2 ТБ', 18_000, ['']],
  ['WD', 'SSD-накопитель WD Black SN770 M.2 NVMe 1 ТБ', 7_000, ['']],
  ['Kingston', 'SSD-накопитель Kingston NV2 M.2 NVMe 1 ТБ', 5_500, ['']],
  ['Samsung', 'Монитор Samsung Odyssey G5 27" 165 Гц', 25_000, ['']],
  ['LG', 'Монитор LG UltraGear 27GR75Q-B 27" 165 Гц', 28_000, ['']],
  ['AOC', 'Монитор AOC 24G2SP 23.8" 165 Гц', 16_000, ['']],
  ['Samsung', 'Чехол-книжка Samsung Smart View Wallet для Galaxy A55', 900, ['черный', 'синий']],
  ['Apple', 'Чехол Apple Silicone Case с MagSafe для iPhone 15', 5_000, ['черный', 'розовый', 'зеленый']],
  ['Red Line', 'Защитное стекло Red Line для iPhone 15', 700, ['']],
  ['be quiet!', 'Блок питания be quiet! Pure Power 12 M 850 Вт', 13_000, ['']],
  ['DeepCool', 'Блок питания DeepCool PK750D 750 Вт', 7_000, ['']],
  ['Kingston', 'Оперативная память Kingston FURY Beast 32 ГБ DDR5 6000 МГц (2×16 ГБ)', 10_000, ['']],
  ['Samsung', 'Карта памяти Samsung EVO Plus microSDXC 128 ГБ', 1_400, ['']],
  ['Apple', 'Умные часы Apple Watch Series 10 42 мм', 40_000, ['черные', 'серебристые', 'розовое золото']],
  ['Xiaomi', 'Умные часы Xiaomi Redmi Watch 4', 7_000, ['черные', 'серебристые']],
  ['Samsung', 'Умные часы Samsung Galaxy Watch7 40 мм', 25_000, ['зеленые', 'кремовые']],
  ['Xiaomi', 'Рюкзак для ноутбука Xiaomi Commuter Backpack 15.6"', 3_000, ['черный', 'серый']],
  ['Logitech', 'Веб-камера Logitech C920 HD Pro', 7_000, ['']],
  ['Sony', 'Геймпад беспроводной Sony DualSense для PS5', 7_000, ['белый', 'черный', 'красный']],
  ['TP-Link', 'Wi-Fi роутер TP-Link Archer AX55', 6_000, ['']],
  ['Keenetic', 'Wi-Fi роутер Keenetic Giga KN-1011', 13_000, ['']],
  ['Marshall', 'Наушники беспроводные Marshall Major IV', 12_000, ['черные', 'коричневые']],
  ['JBL', 'Портативная колонка JBL Flip 6', 10_000, ['черная', 'синяя', 'красная']],
  ['JBL', 'Портативная колонка JBL Charge 5', 15_000, ['черная', 'синяя']],
  ['Яндекс', 'Умная колонка Яндекс Станция Лайт 2', 6_000, ['фиолетовая', 'зеленая', 'синяя']],
  ['Яндекс', 'Умная колонка Яндекс Станция Миди', 16_000, ['черная', 'серая']],
  ['XP-Pen', 'Графический планшет XP-Pen Deco 01 V2', 4_000, ['']],
  ['Logitech', 'Коврик для мыши Logitech G240', 1_500, ['']],
  ['HyperX', 'Игровая гарнитура HyperX Cloud III', 9_000, ['черная', 'красная']],
  ['Logitech', 'Игровая гарнитура Logitech G435', 6_000, ['черная', 'белая', 'синяя']],
  ['Logitech', 'Игровой руль Logitech G29 Driving Force', 30_000, ['']],
  ['Kingston', 'Флеш-накопитель Kingston DataTraveler Exodia 64 ГБ', 500, ['']],
  ['SanDisk', 'Флеш-накопитель SanDisk Ultra Flair 128 ГБ', 1_200, ['']],
  ['WD', 'Внешний жесткий диск WD Elements Portable 2 ТБ', 8_000, ['']],
  ['UGREEN', 'Кабель UGREEN HDMI 2.1 8K 2 м', 1_200, ['']],
  ['Baseus', 'Автомобильное зарядное устройство Baseus 65 Вт', 2_000, ['']],
  ['Samsung', 'Беспроводное зарядное устройство Samsung EP-P2400', 3_000, ['черное', 'белое']],
  ['Xiaomi', 'Фитнес-браслет Xiaomi Smart Band 9', 3_500, ['черный', 'серебристый', 'розовый']],
  ['PocketBook', 'Электронная книга PocketBook 629 Verse', 13_000, ['']],
  ['Apple', 'Стилус Apple Pencil (USB-C)', 9_000, ['']],
  ['Arctic', 'Термопаста Arctic MX-4 4 г', 700, ['']],
  ['DeepCool', 'Кулер для процессора DeepCool AK620', 5_000, ['']],
  ['DeepCool', 'Корпус DeepCool CH560', 7_000, ['черный', 'белый']],
  ['Pilot', 'Сетевой фильтр Pilot Pro 6 розеток 3 м', 1_500, ['']],
];

function accessories(): Draft[] {
  return ACCESSORIES.flatMap(([brand, name, rubles, colours]) =>
    colours.map((colour) => ({ name: colour ? `${name} ${colour}` : name, brand, category: 'accessory' as const, rubles })),
  );
}

// ---- identifiers --------------------------------------------------------------------------------------

/** GS1 prefix of the country a brand's barcodes usually come from (Russia for house brands). */
const GS1_PREFIX: Record<string, string> = {
  Apple: '019',
  Samsung: '880',
  LG: '880',
  Xiaomi: '693',
  POCO: '693',
  HONOR: '697',
  Huawei: '693',
  realme: '694',
  TECNO: '695',
  ASUS: '471',
  MSI: '471',
  Gigabyte: '471',
  Acer: '471',
  ASRock: '471',
  Palit: '471',
  Zotac: '489',
  Sapphire: '489',
  PowerColor: '471',
  XFX: '069',
  Lenovo: '019',
  HP: '019',
  Logitech: '509',
  Razer: '881',
  Sony: '454',
  JBL: '605',
  Anker: '084',
  UGREEN: '693',
  WD: '071',
  Kingston: '074',
  AOC: '469',
  'be quiet!': '426',
  DeepCool: '693',
  'TP-Link': '692',
  Keenetic: '460',
  Redragon: '692',
  'Red Line': '460',
  Infinix: '695',
  vivo: '697',
  Marshall: '735',
  Яндекс: '460',
  'XP-Pen': '693',
  HyperX: '074',
  SanDisk: '061',
  Baseus: '695',
  PocketBook: '761',
  Arctic: '487',
  Pilot: '460',
};

function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/**
 * A product name inside a sentence: the generic words before the brand go lower-case, and for the
 * accusative their feminine endings change («Видеокарта MSI …» → «видеокарту MSI …»,
 * «Портативная колонка JBL …» → «портативную колонку JBL …»); masculine and plural forms stay.
 */
export function inSentence(name: string, brand: string): { inSentence: string; inSentenceAccusative: string } {
  const at = name.indexOf(` ${brand} `);
  const generic = at > 0 ? name.slice(0, at) : '';
  const rest = name.slice(generic.length);
  const lowered = /^[А-ЯЁ][а-яё]/.test(generic) ? generic.charAt(0).toLowerCase() + generic.slice(1) : generic;
  // Words after «для» are in the genitive already («рюкзак для ноутбука»).
  let governed = false;
  const accusative = lowered
    .split(' ')
    .map((word) => {
      governed ||= word === 'для';
      return governed ? word : word.replace(/ая$/, 'ую').replace(/яя$/, 'юю').replace(/а$/, 'у');
    })
    .join(' ');
  return { inSentence: lowered + rest, inSentenceAccusative: accusative + rest };
}

/** Shelf prices end in 90 or 99 roubles. */
function retailKopecks(rubles: number): number {
  const hundreds = Math.max(1, Math.round(rubles / 100));
  const ending = rubles < 5_000 ? 90 : 99;
  return ((hundreds - 1) * 100 + ending) * 100;
}

const CATEGORY_QUOTAS: readonly (readonly [ProductCategory, () => Draft[], number])[] = [
  ['graphics_card', graphicsCards, 0.3],
  ['laptop', laptops, 0.24],
  ['smartphone', smartphones, 0.26],
  ['accessory', accessories, 0.2],
];

/** `count` products (at most what the lines can make), a fixed share per category. */
export function buildCatalog(random: Random, count: number): ProductSeed[] {
  const drafts = CATEGORY_QUOTAS.flatMap(([, make, share]) => random.shuffle(make()).slice(0, Math.round(count * share)));
  const barcodes = new Set<string>();
  let article = 5_000_000 + random.int(0, 99_999);
  return drafts.map((draft) => {
    article += random.int(1, 400);
    let barcode: string;
    do {
      const first12 = `${GS1_PREFIX[draft.brand] ?? '460'}${random.digits(9)}`;
      barcode = `${first12}${ean13CheckDigit(first12)}`;
    } while (barcodes.has(barcode));
    barcodes.add(barcode);
    return {
      sku: String(article),
      barcode,
      name: draft.name,
      brand: draft.brand,
      category: draft.category,
      priceKopecks: retailKopecks(draft.rubles * (0.97 + random.next() * 0.06)),
    };
  });
}
