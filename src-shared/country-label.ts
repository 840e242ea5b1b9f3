// How a session without a country reads on every chart: the Overview's, the case view's and the
// case report's. The data says '' (rollups, case totals); only the label says "(unknown)".
export const UNKNOWN_COUNTRY = '(unknown)';

export const countryLabel = (country: string): string => (country === '' ? UNKNOWN_COUNTRY : country);
