import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { ItemsSection } from '@terrace/plugin-environments-common';
import { SectionState } from './SectionState';

const updatedAt = new Date(Date.now() - 3 * 60 * 1000).toISOString();

describe('SectionState', () => {
  it('renders the content and when the data was read from the cloud', async () => {
    const section: ItemsSection<string> = {
      status: 'ok',
      updatedAt,
      items: ['a'],
    };
    await renderInTestApp(
      <SectionState
        label="Things"
        loading={false}
        value={section}
        configureHint="Set x"
      >
        {value => <p>{value.items.length} thing</p>}
      </SectionState>,
    );
    expect(screen.getByText('1 thing')).toBeInTheDocument();
    expect(screen.getByText('3 minutes ago')).toHaveAttribute(
      'datetime',
      updatedAt,
    );
  });

  it('says what to configure, with the backend reason when it gives one', async () => {
    await renderInTestApp(
      <SectionState
        label="Things"
        loading={false}
        value={{ status: 'not-configured', updatedAt, items: [] }}
        configureHint="Set the terrace.dev/account-id annotation."
      >
        {() => <p>content</p>}
      </SectionState>,
    );
    expect(
      screen.getByText('Things not configured for this environment'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Set the terrace.dev/account-id annotation.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('content')).toBeNull();
  });
});
