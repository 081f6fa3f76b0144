// The narrow slice of the GitHub API the App uses (REST and GraphQL), counting every call it makes.

export interface RestResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string | number | undefined>;
}

export interface GitHubApi {
  request<T = unknown>(route: string, params?: Record<string, unknown>): Promise<RestResponse<T>>;
  graphql<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** What an Octokit instance (Probot's `context.octokit` or `app.auth()`) offers; typed loosely on purpose. */
export interface OctokitLike {
  request: unknown;
  graphql: unknown;
}

/**
 * Calls made during one review, by route ("POST /repos/{owner}/{repo}/check-runs", "graphql"), so the
 * cost of a review can be compared with its floor: file-list pages, one check-run create, one
 * completion plus one update per further 50 annotations, one review, and the batched content reads.
 */
export class ApiCallCounter {
  readonly byRoute = new Map<string, number>();

  record(route: string): void {
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const n of this.byRoute.values()) sum += n;
    return sum;
  }

  count(route: string): number {
    return this.byRoute.get(route) ?? 0;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.byRoute].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** Wraps an Octokit so that every REST request and GraphQL query is recorded in `counter`. */
export function countingApi(octokit: OctokitLike, counter: ApiCallCounter): GitHubApi {
  const request = octokit.request as (route: string, params?: Record<string, unknown>) => Promise<RestResponse<unknown>>;
  const graphql = octokit.graphql as (query: string, variables?: Record<string, unknown>) => Promise<unknown>;
  return {
    request<T>(route: string, params?: Record<string, unknown>) {
      counter.record(route);
      return request(route, params) as Promise<RestResponse<T>>;
    },
    graphql<T>(query: string, variables?: Record<string, unknown>) {
      counter.record('graphql');
      return graphql(query, variables) as Promise<T>;
    },
  };
}

const hasNextPage = (headers: RestResponse<unknown>['headers']): boolean => /\brel="next"/.test(String(headers.link ?? ''));

/**
 * Reads a paginated list route page by page (`per_page=100`), stopping at the last page or after
 * `maxPages`. Returns the items and whether more pages were left unread.
 */
export async function readPages<T>(api: GitHubApi, route: string, params: Record<string, unknown>, maxPages: number): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const response = await api.request<T[]>(route, { ...params, per_page: 100, page });
    items.push(...response.data);
    if (!hasNextPage(response.headers) || response.data.length === 0) return { items, more: false };
  }
  return { items, more: true };
}
