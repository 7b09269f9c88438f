import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Check, Languages, ZoomIn } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n';
import { getZoom, LANGS, type Lang, setZoom, ZOOM_STEPS } from '../lib/prefs';

/** Language switch (remembered) as a Radix dropdown. */
export function LanguageMenu() {
  const { t, i18n } = useTranslation();
  const current = (i18n.language === 'en' ? 'en' : 'id') as Lang;
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
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Display zoom (100–175 %, remembered): scales the root font size, so the whole UI. */
export function ZoomMenu() {
  const { t } = useTranslation();
  const [zoom, setZoomState] = useState(getZoom);
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
          <DropdownMenu.Label className="menu-label">{t('prefs.zoom')}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={String(zoom)}
            onValueChange={(v) => {
              const z = Number(v);
              setZoom(z);
              setZoomState(z);
            }}
          >
            {ZOOM_STEPS.map((z) => (
              <DropdownMenu.RadioItem key={z} value={String(z)} className="menu-item">
                <DropdownMenu.ItemIndicator>
                  <Check aria-hidden />
                </DropdownMenu.ItemIndicator>
                {z}%
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
