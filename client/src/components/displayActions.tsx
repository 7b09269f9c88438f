import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Check, Languages, ZoomIn } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n';
import { getZoom, LANGS, type Lang, setZoom, subscribeZoom, ZOOM_STEPS } from '../lib/prefs';
import type { HeaderItem } from './headerItem';

function useZoom(): number {
  return useSyncExternalStore(subscribeZoom, getZoom, getZoom);
}

function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'id';
}

/** The zoom steps as radio items (in the zoom button's menu and in the header's "⋯" menu). */
function ZoomItems() {
  const { t } = useTranslation();
  const zoom = useZoom();
  return (
    <>
      <DropdownMenu.Label className="menu-label">{t('prefs.zoom')}</DropdownMenu.Label>
      <DropdownMenu.RadioGroup value={String(zoom)} onValueChange={(v) => setZoom(Number(v))}>
        {ZOOM_STEPS.map((z) => (
          <DropdownMenu.RadioItem
            key={z}
            value={String(z)}
            className="menu-item"
            onSelect={(e) => e.preventDefault()}
          >
            <DropdownMenu.ItemIndicator>
              <Check aria-hidden />
            </DropdownMenu.ItemIndicator>
            {z}%
          </DropdownMenu.RadioItem>
        ))}
      </DropdownMenu.RadioGroup>
    </>
  );
}

function LanguageItems() {
  const { t } = useTranslation();
  const current = useLang();
  return (
    <>
      <DropdownMenu.Label className="menu-label">{t('prefs.language')}</DropdownMenu.Label>
      <DropdownMenu.RadioGroup value={current} onValueChange={(v) => changeLanguage(v as Lang)}>
        {LANGS.map((lang) => (
          <DropdownMenu.RadioItem key={lang} value={lang} className="menu-item" lang={lang}>
            <DropdownMenu.ItemIndicator>
              <Check aria-hidden />
            </DropdownMenu.ItemIndicator>
            {t(`languages.${lang}`)}
          </DropdownMenu.RadioItem>
        ))}
      </DropdownMenu.RadioGroup>
    </>
  );
}

/** Language switch (remembered) as its own dropdown in the bar. */
export function LanguageMenu() {
  const { t } = useTranslation();
  const current = useLang();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="btn btn-ghost" aria-label={t('prefs.language')}>
          <Languages aria-hidden />
          <span className="header-control-text">{current.toUpperCase()}</span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu-content" align="end" sideOffset={6}>
          <LanguageItems />
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Display zoom (100–175 %, remembered): scales the root font size, so the whole UI. */
export function ZoomMenu() {
  const { t } = useTranslation();
  const zoom = useZoom();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button
          type="button"
          className="btn btn-ghost"
          aria-label={t('prefs.zoomValue', { value: zoom })}
        >
          <ZoomIn aria-hidden />
          <span className="header-control-text">{zoom}%</span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu-content" align="end" sideOffset={6}>
          <ZoomItems />
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Zoom as a header action: its own button, or its steps in the "⋯" menu. */
export function zoomAction(): HeaderItem {
  return {
    id: 'zoom',
    slot: 'actions',
    priority: 1,
    render: () => <ZoomMenu />,
    menu: <ZoomItems />,
  };
}

/** Language as a header action. */
export function languageAction(): HeaderItem {
  return {
    id: 'language',
    slot: 'actions',
    priority: 2,
    render: () => <LanguageMenu />,
    menu: <LanguageItems />,
  };
}
