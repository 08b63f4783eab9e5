import { promises as fs } from 'node:fs';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import yaml from 'yaml';

/** Annotation carrying the version of the package the template came from, e.g. `0.1.0`. */
export const TEMPLATE_VERSION_ANNOTATION = 'terrace.dev/template-version';

/**
 * Reads the template files shipped in this package (`templates/<name>/template.yaml`: Create,
 * Update and Destroy environment) and hands them to the catalog, one entity each, replacing what
 * this provider gave before. Each entity is annotated with `file:<absolute path>` as its location
 * and with the package version (`terrace.dev/template-version`).
 *
 * Errors: a missing file or a document that is not a `Template` entity is logged with the file
 * name and that template is not handed to the catalog (the catalog keeps no stale copy either);
 * the others still are.
 */
export class EnvironmentTemplateProvider implements EntityProvider {
  constructor(
    private readonly options: {
      /** Absolute paths of the template YAML files. */
      files: string[];
      /** The version of the package the file belongs to. */
      version: string;
      logger: LoggerService;
    },
  ) {}

  getProviderName(): string {
    return 'terrace-environments-template';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    const entities = [];
    for (const file of this.options.files) {
      try {
        entities.push({
          entity: await this.readTemplate(file),
          locationKey: `terrace-environments-template:${file}`,
        });
      } catch (error) {
        this.options.logger.error(
          `Terrace template not registered: ${(error as Error).message}`,
        );
      }
    }
    await connection.applyMutation({ type: 'full', entities });
  }

  /** The template entity of `file` with its location and version annotations. */
  async readTemplate(file: string): Promise<Entity> {
    const { version } = this.options;
    const text = await fs.readFile(file, 'utf8');
    const entity = yaml.parse(text) as Entity;
    if (entity?.kind !== 'Template' || !entity.metadata?.name) {
      throw new Error(`${file} is not a Template entity`);
    }
    const location = `file:${file}`;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          [TEMPLATE_VERSION_ANNOTATION]: version,
        },
      },
    };
  }
}
