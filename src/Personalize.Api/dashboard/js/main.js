// The dashboard: filters (date range, segment), the caller's access, and the views, each drawn from its own GraphQL
// operation. Each view's section carries data-state (loading, ready, empty, error) once drawn; the body carries
// data-ready when every view is done.
import { run, apiKey, AccessError } from './graphql.js';
import { monthInput } from './format.js';
import { clear, fit } from './charts.js';
import * as kpis from './views/kpis.js';
import * as acquisition from './views/acquisition.js';
import * as stages from './views/stages.js';
import * as clvSegments from './views/clv-segments.js';
import * as cohorts from './views/cohorts.js';
import * as experiments from './views/experiments.js';
import * as offers from './views/offers.js';
import * as clvFit from './views/clv-fit.js';

const views = { kpis, acquisition, stages, 'clv-segments': clvSegments, cohorts, experiments, offers, 'clv-fit': clvFit };
const filters = document.getElementById('filters');
const keyForm = document.getElementById('key-form');

/** The filters as the operations take them: [from, to) as UTC times, and the segment id or null. */
function state() {
  const values = new FormData(filters);
  return {
    from: monthInput.start(values.get('from')),
    to: monthInput.after(values.get('to')),
    segmentId: values.get('segment') || null,
    segmentName: filters.segment.selectedOptions[0]?.textContent,
  };
}

function askForKey(reason) {
  keyForm.hidden = false;
  document.getElementById('key-reason').textContent = reason;
  keyForm.key.focus();
}

function showCaller() {
  const key = apiKey.get();
  document.getElementById('caller').textContent = key ? `Key ${key.slice(0, 10)}…` : 'No key (local development access)';
  document.getElementById('sign-out').hidden = !key;
}

async function loadFilters() {
  const data = await run('filters');
  const select = filters.segment;
  select.length = 1;
  for (const segment of data.segments.nodes) select.add(new Option(segment.name, segment.id));
  const latest = data.latest.nodes[0]?.lastOrderAt;
  const end = latest ? new Date(latest) : new Date();
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1));
  filters.to.value = monthInput.of(end);
  filters.from.value = monthInput.of(start);
}

async function draw(name, section, current) {
  const body = section.querySelector('.body');
  section.dataset.state = 'loading';
  try {
    const result = await views[name].render(current);
    clear(body);
    section.dataset.state = result(body) ?? 'ready';
    fit(body);
  } catch (error) {
    if (error instanceof AccessError) throw error;
    clear(body);
    const box = document.createElement('div');
    box.className = 'error';
    box.textContent = `This view could not be loaded: ${error.message}`;
    body.append(box);
    section.dataset.state = 'error';
  }
}

async function drawAll() {
  document.body.dataset.ready = 'false';
  const current = state();
  if (current.to <= current.from) {
    filters.to.setCustomValidity('The end month must not be before the start month.');
    filters.reportValidity();
    return;
  }
  filters.to.setCustomValidity('');
  const sections = [...document.querySelectorAll('section.view')];
  const outcomes = await Promise.allSettled(sections.map(s => draw(s.dataset.view, s, current)));
  const refused = outcomes.find(o => o.status === 'rejected' && o.reason instanceof AccessError);
  if (refused) {
    sections.forEach(s => { s.dataset.state = 'refused'; });
    askForKey(refused.reason.forbidden
      ? `${refused.reason.message} The dashboard needs a key with the analytics scope.`
      : `${refused.reason.message} Enter an API key with the analytics scope.`);
  }
  document.body.dataset.ready = 'true';
}

async function start() {
  showCaller();
  try {
    await loadFilters();
  } catch (error) {
    document.body.dataset.ready = 'true';
    if (error instanceof AccessError) {
      askForKey(error.forbidden ? `${error.message} The dashboard needs a key with the analytics scope.` : `${error.message} Enter an API key with the analytics scope.`);
      return;
    }
    throw error;
  }
  keyForm.hidden = true;
  await drawAll();
}

filters.addEventListener('submit', event => { event.preventDefault(); drawAll(); });
keyForm.addEventListener('submit', event => {
  event.preventDefault();
  apiKey.set(keyForm.key.value.trim());
  keyForm.key.value = '';
  start();
});
document.getElementById('sign-out').addEventListener('click', () => { apiKey.clear(); location.reload(); });
start();
