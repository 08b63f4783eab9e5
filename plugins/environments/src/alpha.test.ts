import type { OverridableFrontendPlugin } from '@backstage/frontend-plugin-api';
import environmentsPlugin from './alpha';

describe('new frontend system plugin', () => {
  it('declares the extensions adopters enable and configure by id', () => {
    const plugin = environmentsPlugin as unknown as OverridableFrontendPlugin<
      {},
      {},
      any
    >;
    expect(plugin.pluginId).toBe('environments');
    for (const id of [
      'api:environments',
      'entity-card:environments/resources',
      'entity-card:environments/alarms',
      'entity-card:environments/backups',
      'entity-card:environments/cost',
      'entity-content:environments',
      'page:environments',
      'search-result-list-item:environments',
      'scaffolder-form-field:environments/environment-estimate',
      'scaffolder-form-field:environments/environment-name',
      'scaffolder-form-field:environments/environment-account',
      'scaffolder-form-field:environments/component-setting',
    ]) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
    expect(Object.keys(plugin.routes)).toEqual(['root']);
  });
});
