/**
 * The full month names of Susun's two languages, January first: what the printed SOP
 * (labels.ts) and the editor's date fields (client/src/lib/dates.ts) write.
 */
export const MONTH_NAMES: Readonly<Record<'id' | 'en', readonly string[]>> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
