// Runs graphql-http's GraphQL-over-HTTP audit against a running server: node audit.mjs http://127.0.0.1:5000/graphql
// Prints every result and a summary; exits 1 when any MUST or SHOULD audit fails (MAY failures are only reported).
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const results = await auditServer({ url });
const counts = {};
const count = (level, outcome) => {
  counts[level] ??= { passed: 0, failed: 0 };
  counts[level][outcome]++;
};

for (const result of results) {
  const level = result.name.split(' ')[0];
  if (result.status === 'ok') {
    count(level, 'passed');
    console.log(`ok     ${result.name}`);
    continue;
  }
  count(level, 'failed');
  let body = '';
  try { body = await result.response.text(); } catch { /* body already read by the audit */ }
  console.log(`${result.status.padEnd(6)} ${result.name}\n       reason: ${result.reason}\n       status: ${result.response.status} ${result.response.headers.get('content-type') ?? ''}\n       body:   ${body.slice(0, 500)}`);
}

for (const level of ['MUST', 'SHOULD', 'MAY'])
  console.log(`${level}: ${counts[level]?.passed ?? 0} passed, ${counts[level]?.failed ?? 0} failed`);

const failedRequirements = (counts.MUST?.failed ?? 0) + (counts.SHOULD?.failed ?? 0);
process.exit(failedRequirements > 0 ? 1 : 0);
