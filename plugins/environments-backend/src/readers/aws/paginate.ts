/**
 * Reads every page of a paginated AWS listing: `fetchPage` gets the previous page's token
 * (undefined first), `nextToken` finds the next one in a page.
 */
export async function paginate<P>(
  fetchPage: (token: string | undefined) => Promise<P>,
  nextToken: (page: P) => string | undefined,
  onPage: (page: P) => void,
): Promise<void> {
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    onPage(page);
    token = nextToken(page) || undefined;
  } while (token);
}
