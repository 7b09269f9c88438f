import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { ChevronDown } from 'lucide-react';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { scrollIntoPlace } from '../../lib/scrollIntoPlace';

/** The editor's sections, in page order: element id and catalogue key of the title. */
const SECTIONS: ReadonlyArray<readonly [string, string]> = [
  ['identity', 'identity.title'],
  ['actors', 'actors.title'],
  ['procedure', 'steps.title'],
  ['flowchart', 'flowchart.title'],
  ['narrative', 'narrative.title'],
];

/** Whether section `el` starts just under the sticky top block (or the page ends first). */
function landed(el: HTMLElement): boolean {
  const top = document.querySelector('.editor-top')?.getBoundingClientRect().bottom ?? 0;
  const r = el.getBoundingClientRect();
  const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 1;
  return Math.abs(r.top - top - 8) <= 8 || (atEnd && r.top >= top);
}

let stopPlacing: (() => void) | null = null;

/**
 * Brings section `id` to just under the sticky top block (`scroll-padding-top`
 * on the root holds its height), keeps it there while the rows above it finish
 * their layout (see `scrollIntoPlace`), and moves focus there for keyboard users.
 */
export function goToSection(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  stopPlacing?.();
  stopPlacing = scrollIntoPlace(
    () => document.getElementById(id),
    (s) => s.scrollIntoView({ block: 'start' }),
    landed,
  );
  const heading = el.querySelector<HTMLElement>('h2');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

/**
 * The bar under the header: links to the sections (a "Bagian" menu when the bar
 * is narrow) and, on the right, the tools that must stay in view — role badge,
 * problems, status and approval, start review (`tools`).
 */
export function EditorToolbar({ tools }: { tools: ReactNode }) {
  const { t } = useTranslation();
  const go = (id: string) => (e: MouseEvent) => {
    e.preventDefault();
    goToSection(id);
  };
  return (
    <nav className="section-nav" aria-label={t('editor.sections')}>
      <div className="section-links">
        {SECTIONS.map(([id, key]) => (
          <a key={id} href={`#${id}`} onClick={go(id)}>
            {t(key)}
          </a>
        ))}
      </div>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <button type="button" className="btn btn-ghost btn-sm section-menu-trigger">
            {t('editor.sectionsMenu')}
            <ChevronDown aria-hidden />
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu-content" align="start" sideOffset={4}>
            {SECTIONS.map(([id, key]) => (
              <DropdownMenu.Item key={id} className="menu-item" onSelect={() => goToSection(id)}>
                {t(key)}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <div className="section-nav-tools">{tools}</div>
    </nav>
  );
}
