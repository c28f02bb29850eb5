// The variables a template may use. A template naming anything else is refused on save, so a typo never
// reaches a customer as a literal «{{customer.fristName}}».

export interface TemplateVariableInfo {
  /** What the template writes between the braces: {{customer.firstName}}. */
  name: string;
  /** i18n key (namespace `templates`) of the one-line explanation the variable picker shows. */
  descriptionKey: string;
  /** A plausible value per locale for previewing a template without a customer open. */
  sample: { ru: string; en: string };
}

const variable = (name: string, ru: string, en: string): TemplateVariableInfo => ({
  name,
  descriptionKey: `templates:variables.${name}`,
  sample: { ru, en },
});

export const TEMPLATE_VARIABLES = [
  variable('customer.firstName', 'Анна', 'Anna'),
  variable('customer.lastName', 'Иванова', 'Ivanova'),
  variable('customer.fullName', 'Иванова Анна Сергеевна', 'Anna Ivanova'),
  variable('agent.firstName', 'Мария', 'Maria'),
  variable('loyalty.balance', '2 450', '2,450'),
  variable('loyalty.expiringSoon', '600', '600'),
  variable('loyalty.expiryDate', '31 марта', 'March 31'),
  variable('loyalty.tier', 'золотой', 'gold'),
  variable('reservation.code', '4821-73', '4821-73'),
  variable('reservation.holdUntil', '14 марта, 21:00', 'March 14, 9:00 PM'),
  variable('store.name', 'Ампер Тверская', 'Amper Tverskaya'),
  variable('store.address', 'Москва, ул. Тверская, д. 22', '22 Tverskaya St, Moscow'),
  variable('store.hours', 'ежедневно с 10:00 до 22:00', 'daily 10:00 AM to 10:00 PM'),
  variable('store.phone', '+7 495 123-45-67', '+7 495 123-45-67'),
  variable('product.name', 'Видеокарта MSI GeForce RTX 4070 VENTUS 2X 12 ГБ', 'MSI GeForce RTX 4070 VENTUS 2X 12 GB graphics card'),
  variable('product.price', '64 990 ₽', '64,990 ₽'),
  variable('order.number', '1024-55', '1024-55'),
  variable('order.total', '71 480 ₽', '71,480 ₽'),
  variable('order.deliveryDate', '16 марта', 'March 16'),
] as const satisfies readonly TemplateVariableInfo[];

/** The same type as the TemplateVariableName schema in common/api/voice.ts infers (that one checks input). */
export type TemplateVariableName = (typeof TEMPLATE_VARIABLES)[number]['name'];


export const TEMPLATE_VARIABLE_NAMES = TEMPLATE_VARIABLES.map((v) => v.name) as [TemplateVariableName, ...TemplateVariableName[]];

const known = new Set<string>(TEMPLATE_VARIABLE_NAMES);

export const isTemplateVariable = (name: string): name is TemplateVariableName => known.has(name);

/** Sample values for a preview in `locale`, keyed by variable name. */
export function sampleValues(locale: 'ru' | 'en'): Record<TemplateVariableName, string> {
  return Object.fromEntries(TEMPLATE_VARIABLES.map((v) => [v.name, v.sample[locale]])) as Record<TemplateVariableName, string>;
}
