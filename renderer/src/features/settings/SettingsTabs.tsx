// The tabs between settings pages; each shows only to the roles that may open it.
import { NavLink } from 'react-router';
import { useCan } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';

export function SettingsTabs() {
  const { t } = useT();
  const canChannels = useCan('channels.manage');
  const canWorkspace = useCan('workspace.manage');
  const canImportStock = useCan('stock.import');
  const canVoice = useCan('voice.manage');
  const tabs = [
    { to: '/settings/channels', label: t('settings:Tabs.channels'), show: canChannels },
    { to: '/settings/desk', label: t('settings:Tabs.desk'), show: canWorkspace },
    { to: '/settings/loyalty', label: t('loyalty:Settings.tab'), show: canWorkspace },
    { to: '/settings/stock', label: t('catalog:Import.tab'), show: canImportStock },
    { to: '/settings/voice', label: t('voice:Settings.tab'), show: canVoice },
  ].filter((tab) => tab.show);
  if (tabs.length < 2) return null;
  return (
    <nav className="settings-tabs" aria-label={t('settings:Tabs.label')}>
      {tabs.map((tab) => (
        <NavLink key={tab.to} to={tab.to} className="settings-tabs__tab">
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
