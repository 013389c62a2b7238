import { useLayoutEffect, useRef } from 'react';
import type { SchedulerConfigView } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { SchedulerControl } from './SchedulerControl.js';

export function Header({ config }: { config: SchedulerConfigView | null }) {
  const { t } = useI18n();
  const ref = useRef<HTMLElement>(null);
  // The sticky header's real height (it wraps on narrow windows), for scroll-padding-top and
  // the sidebar's offset: a focused control never hides under it.
  useLayoutEffect(() => {
    const header = ref.current;
    if (!header) return undefined;
    const root = document.documentElement;
    const update = () => root.style.setProperty('--header-height', `${Math.ceil(header.getBoundingClientRect().height) + 8}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);
  return (
    <header className="app-header" ref={ref}>
      <div className="brand">
        <h1>{t('app.title')}</h1>
        <p className="muted">{t('app.subtitle')}</p>
      </div>
      {config ? <SchedulerControl config={config} /> : null}
    </header>
  );
}
