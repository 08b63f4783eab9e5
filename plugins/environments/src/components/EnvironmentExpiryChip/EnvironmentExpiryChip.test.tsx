import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import { environmentEntity } from '../../__testUtils__/fixtures';
import { EnvironmentExpiryChip } from './EnvironmentExpiryChip';

const withExpiry = (annotations: Record<string, string>): Entity => ({
  ...environmentEntity,
  metadata: {
    ...environmentEntity.metadata,
    annotations: { ...environmentEntity.metadata.annotations, ...annotations },
  },
});

const now = new Date('2026-12-01T12:00:00Z');

describe('EnvironmentExpiryChip', () => {
  it('says in how many days the environment expires, and what happens then', async () => {
    await renderInTestApp(
      <EnvironmentExpiryChip
        now={now}
        entity={withExpiry({
          'terrace.dev/expires-at': '2026-12-08T00:00:00.000Z',
          'terrace.dev/destroy-on-expiry': 'true',
        })}
      />,
    );
    const chip = screen.getByRole('status', { name: 'Expiry' });
    expect(chip).toHaveTextContent('Expires in 7 days');
    expect(chip).toHaveAttribute(
      'title',
      'This preview environment expires on 2026-12-08 (spec.expiresAt) and is then destroyed.',
    );
  });

  it('says when it expired', async () => {
    await renderInTestApp(
      <EnvironmentExpiryChip
        now={now}
        entity={withExpiry({
          'terrace.dev/expires-at': '2026-11-28T18:30:00.000Z',
        })}
      />,
    );
    expect(screen.getByRole('status', { name: 'Expiry' })).toHaveTextContent(
      'Expired on 2026-11-28 18:30 UTC',
    );
  });

  it('shows nothing for an environment that does not expire', async () => {
    await renderInTestApp(
      <EnvironmentExpiryChip now={now} entity={environmentEntity} />,
    );
    expect(screen.queryByRole('status', { name: 'Expiry' })).toBeNull();
  });
});
