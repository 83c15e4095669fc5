// The dashboard's only source of data: the public GraphQL API, called with the caller's credentials. The operations
// are the files schema/operations/dashboard-NAME.graphql, which the service publishes under ./operations/.

const KEY_STORAGE = 'personalize.dashboard.apiKey';
const endpoint = new URL('../graphql', document.baseURI).href;
const documents = new Map();

/** Thrown when the API refuses the caller: no or a bad key (401), or a key without the needed scope (FORBIDDEN). */
export class AccessError extends Error {
  constructor(message, forbidden) {
    super(message);
    this.forbidden = forbidden;
  }
}

export const apiKey = {
  get: () => sessionStorage.getItem(KEY_STORAGE),
  set: key => sessionStorage.setItem(KEY_STORAGE, key),
  clear: () => sessionStorage.removeItem(KEY_STORAGE),
};

function operationText(name) {
  if (!documents.has(name)) {
    documents.set(name, fetch(`operations/dashboard-${name}.graphql`).then(response => {
      if (!response.ok) throw new Error(`The operation dashboard-${name}.graphql could not be loaded (${response.status}).`);
      return response.text();
    }));
  }
  return documents.get(name);
}

/** Runs the operation dashboard-NAME.graphql with these variables; returns its data or throws. */
export async function run(name, variables = {}) {
  // application/json: a refusal (FORBIDDEN) comes back as 200 with errors, which the page explains, not as a failed request.
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const key = apiKey.get();
  if (key) headers['X-Api-Key'] = key;
  const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query: await operationText(name), variables }) });
  if (response.status === 401) throw new AccessError(key ? 'The API refused this key.' : 'The API needs an API key.', false);
  const body = await response.json().catch(() => null);
  if (!body) throw new Error(`The API answered ${response.status} without a GraphQL response.`);
  const errors = body.errors ?? [];
  const forbidden = errors.find(e => e.extensions?.code === 'FORBIDDEN');
  if (forbidden) throw new AccessError(forbidden.message, true);
  if (errors.length) throw new Error(errors.map(e => e.message).join(' '));
  return body.data;
}
