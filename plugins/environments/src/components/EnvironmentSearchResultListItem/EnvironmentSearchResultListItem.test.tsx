import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { SearchResultListItemExtensions } from '@backstage/plugin-search-react';
import type { SearchResult } from '@backstage/plugin-search-common';
import { EnvironmentSearchResultListItem as EnvironmentSearchResultListItemExtension } from '../../plugin';
import { expectNoSeriousA11yViolations } from '../../__testUtils__/render';
import { EnvironmentSearchResultListItem } from './EnvironmentSearchResultListItem';
import { isEnvironmentSearchResult } from './isEnvironmentSearchResult';

/** A catalog collator document for an environment, with the Terrace transformer's fields. */
const environmentResult: SearchResult = {
  type: 'software-catalog',
  document: {
    title: 'Shop staging',
    text: 'Staging environment of the shop',
    location: '/catalog/default/resource/shop-staging',
    kind: 'Resource',
    type: 'environment',
    componentType: 'environment',
    namespace: 'default',
    lifecycle: '',
    owner: 'group:default/shop',
    cloud: 'aws',
    region: 'ap-southeast-2',
    tier: 'staging',
  } as SearchResult['document'],
};

const componentResult: SearchResult = {
  type: 'software-catalog',
  document: {
    title: 'shop-api',
    text: 'The shop API',
    location: '/catalog/default/component/shop-api',
    kind: 'Component',
    type: 'service',
    owner: 'group:default/shop',
  } as SearchResult['document'],
};

describe('EnvironmentSearchResultListItem', () => {
  it('shows the title as a link, the description, and the cloud, region, tier and owner', async () => {
    const { container } = await renderInTestApp(
      <ul>
        <EnvironmentSearchResultListItem
          result={environmentResult.document}
          rank={1}
        />
      </ul>,
    );
    expect(screen.getByRole('link', { name: 'Shop staging' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/shop-staging',
    );
    expect(
      screen.getByText('Staging environment of the shop'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Environment', { selector: 'span' }),
    ).toBeInTheDocument();
    for (const fact of [
      'Cloud: aws',
      'Region: ap-southeast-2',
      'Tier: staging',
      'Owner: shop',
    ]) {
      expect(screen.getByText(fact)).toBeInTheDocument();
    }
    await expectNoSeriousA11yViolations(container);
  });

  it('renders the highlighted title and text of a search hit', async () => {
    await renderInTestApp(
      <ul>
        <EnvironmentSearchResultListItem
          result={environmentResult.document}
          highlight={{
            preTag: '<em>',
            postTag: '</em>',
            fields: {
              title: 'Shop <em>staging</em>',
              text: '<em>Staging</em> environment of the shop',
            },
          }}
        />
      </ul>,
    );
    const link = screen.getByRole('link', { name: /Shop/ });
    expect(within(link).getByText('staging').tagName).toBe('MARK');
  });

  it('omits facts the document does not carry', async () => {
    const { cloud, region, tier, ...bare } = environmentResult.document as any;
    await renderInTestApp(
      <ul>
        <EnvironmentSearchResultListItem result={bare} />
      </ul>,
    );
    expect(screen.getByText('Owner: shop')).toBeInTheDocument();
    expect(screen.queryByText(/^Cloud:/)).toBeNull();
  });

  it('is picked by the search page for environments only', async () => {
    expect(isEnvironmentSearchResult(environmentResult)).toBe(true);
    expect(isEnvironmentSearchResult(componentResult)).toBe(false);
    expect(
      isEnvironmentSearchResult({ ...environmentResult, type: 'techdocs' }),
    ).toBe(false);

    await renderInTestApp(
      <SearchResultListItemExtensions
        results={[environmentResult, componentResult]}
      >
        <EnvironmentSearchResultListItemExtension />
      </SearchResultListItemExtensions>,
    );
    expect(await screen.findByText('Tier: staging')).toBeInTheDocument();
    // The component falls through to the default list item, without environment facts.
    expect(screen.getByText('shop-api')).toBeInTheDocument();
    expect(
      screen.getAllByText('Environment', { selector: 'span' }),
    ).toHaveLength(1);
  });
});
