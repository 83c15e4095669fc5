// Experiments: per experiment, each arm against the control on conversion and revenue per customer, with intervals.
import { run } from '../graphql.js';
import { fmt } from '../format.js';
import { empty, forest } from '../charts.js';

const armName = a => (a.isHoldout ? 'Holdout (nothing shown)' : a.variant.name);

export async function render() {
  const data = await run('experiments');
  return body => {
    const shown = data.experiments.filter(e => e.results.exposures > 0);
    if (shown.length === 0) {
      empty(body, data.experiments.length === 0 ? 'No experiments yet.' : 'No experiment has exposures yet.',
        ' Create one with createExperiment, start it with startExperiment, and record exposures and conversions (docs/experiments.md).');
      return 'empty';
    }
    for (const experiment of shown.slice(0, 6)) {
      const box = document.createElement('div');
      box.className = 'experiment';
      box.innerHTML = '<h3></h3><div class="verdict"></div>';
      box.querySelector('h3').textContent = `${experiment.name} (${experiment.status.toLowerCase()})`;
      const { results } = experiment;
      const decision = results.decision ? `${results.decision.verdict.toLowerCase().replace('_', ' ')}: ${results.decision.reason}` : '';
      box.querySelector('.verdict').textContent = `${fmt.count(results.exposures)} customers exposed · ${decision}` +
        (results.sampleRatio?.mismatchDetected ? ' · sample ratio mismatch: do not trust the lifts' : '');
      body.append(box);
      const compared = results.arms.filter(a => !a.variant?.isControl);
      const conversion = compared.filter(a => a.liftVsControl).map(a => ({
        label: armName(a), value: a.liftVsControl.difference, lower: a.liftVsControl.differenceLower, upper: a.liftVsControl.differenceUpper,
      }));
      const revenue = compared.map(a => ({ arm: a, c: a.comparisons.find(c => c.metric === 'REVENUE_PER_CUSTOMER') })).filter(x => x.c)
        .map(({ arm, c }) => ({ label: armName(arm), value: c.difference, lower: c.lower, upper: c.upper }));
      const row = document.createElement('div');
      row.className = 'row';
      box.append(row);
      if (conversion.length) forest(row, 'Conversion rate vs control (difference)', conversion, v => fmt.percent(v));
      if (revenue.length) forest(row, 'Revenue per customer vs control (difference)', revenue, v => fmt.money(v));
      if (!conversion.length && !revenue.length) empty(row, 'Not enough data to compare the arms yet.', ' Intervals appear once every arm has exposed customers whose attribution window has closed.');
    }
    return 'ready';
  };
}
