import type { Entity } from '@backstage/catalog-model';
import {
  defaultCatalogCollatorEntityTransformer,
  type CatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import {
  ANNOTATION_CLOUD,
  ANNOTATION_REGION,
  ANNOTATION_TIER,
  isEnvironmentEntity,
} from '@terrace/plugin-environments-common';

/**
 * The search document of an environment: the catalog's default document plus the cloud, region
 * and tier from its annotations, so search results can show them and filters can use them.
 * Every other entity keeps the default document.
 * @public
 */
export const environmentCatalogCollatorTransformer: CatalogCollatorEntityTransformer =
  (entity: Entity) => {
    const document = defaultCatalogCollatorEntityTransformer(entity);
    if (!isEnvironmentEntity(entity)) {
      return document;
    }
    const annotations = entity.metadata.annotations ?? {};
    const cloud = annotations[ANNOTATION_CLOUD] ?? '';
    const region = annotations[ANNOTATION_REGION] ?? '';
    const tier = annotations[ANNOTATION_TIER] ?? '';
    return {
      ...document,
      text: [document.text, cloud, region, tier, entity.metadata.name]
        .filter(Boolean)
        .join(' '),
      cloud,
      region,
      tier,
    };
  };
