import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import request from 'supertest';
import catalogModuleEnvironmentsTemplate from '.';
import { TEMPLATE_VERSION_ANNOTATION } from './EnvironmentTemplateProvider';

const { version } = require('../package.json');

describe('catalogModuleEnvironmentsTemplate', () => {
  it('puts the Create environment template in the catalog, with the package version', async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderEntityModel,
        catalogModuleEnvironmentsTemplate,
        mockServices.rootConfig.factory({
          data: { catalog: { processingInterval: { seconds: 1 } } },
        }),
      ],
    });
    try {
      let entity: Entity | undefined;
      for (let i = 0; i < 100 && !entity; i++) {
        const res = await request(backend.server).get(
          '/api/catalog/entities/by-name/template/default/create-environment',
        );
        if (res.status === 200) entity = res.body;
        else await new Promise(r => setTimeout(r, 200));
      }
      expect(entity?.metadata.title).toBe('Create environment');
      expect(entity?.spec?.type).toBe('environment');
      expect(entity?.metadata.annotations?.[TEMPLATE_VERSION_ANNOTATION]).toBe(
        version,
      );
      expect(
        entity?.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toMatch(/^file:.*templates\/create-environment\/template\.yaml$/);
    } finally {
      await backend.stop();
    }
  });
});
