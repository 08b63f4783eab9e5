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
      <SectionState label="Things" loading={false} value={section}>
        {value => <p>{value.items.length} thing</p>}
      </SectionState>,
    );
    expect(screen.getByText('1 thing')).toBeInTheDocument();
    expect(screen.getByText('3 minutes ago')).toHaveAttribute(
      'datetime',
      updatedAt,
    );
  });

  it('says what to configure in the words the backend gives, with its reason', async () => {
    await renderInTestApp(
      <SectionState
        label="Things"
        loading={false}
        value={{
          status: 'not-configured',
          error: 'No credentials for account 1',
          configure: 'Give the portal read access to account 1.',
          updatedAt,
          items: [],
        }}
      >
        {() => <p>content</p>}
      </SectionState>,
    );
    expect(
      screen.getByText('Things not configured for this environment'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No credentials for account 1'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Give the portal read access to account 1.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('content')).toBeNull();
  });

  it('names the location annotations when the backend says nothing to configure', async () => {
    await renderInTestApp(
      <SectionState
        label="Things"
        loading={false}
        value={{ status: 'not-configured', updatedAt, items: [] }}
      >
        {() => <p>content</p>}
      </SectionState>,
    );
    expect(
      screen.getByText(
        'Set the terrace.dev/cloud, terrace.dev/region, terrace.dev/account-id and terrace.dev/tier annotations on this entity.',
      ),
    ).toBeInTheDocument();
  });
});
