/** Small key/value store for server bookkeeping (e.g. "sample seeded"). */
export interface SettingsStore {
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
}
