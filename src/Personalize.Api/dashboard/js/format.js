// How numbers and months read on the page (the browser's locale; amounts are in the store's currency).

const locale = undefined;
const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const money = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const moneyCents = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const monthName = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });

const missing = '—';

export const fmt = {
  count: v => (v == null ? missing : number.format(v)),
  money: v => (v == null ? missing : Math.abs(v) < 100 ? moneyCents.format(v) : money.format(v)),
  percent: v => (v == null ? missing : `${decimal.format(v * 100)} %`),
  score: v => (v == null ? missing : decimal.format(v)),
  ratio: v => (v == null ? missing : `${decimal.format(v)}×`),
  months: v => (v == null ? missing : `${decimal.format(v)} mo`),
  month: iso => monthName.format(new Date(iso)),
  stage: s => s.charAt(0) + s.slice(1).toLowerCase().replace('_', ' '),
};

/** "2026-10" for the first day of that month (UTC) and back. */
export const monthInput = {
  of: date => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`,
  start: text => `${text}-01T00:00:00Z`,
  after: text => {
    const [year, month] = text.split('-').map(Number);
    return new Date(Date.UTC(year, month, 1)).toISOString().replace('.000Z', 'Z');
  },
};
