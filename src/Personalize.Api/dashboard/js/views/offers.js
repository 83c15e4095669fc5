// Offers: reward cost and redemption rate per offer, and the incremental value experiments measured.
import { run } from '../graphql.js';
import { fmt } from '../format.js';
import { chart, empty, forest, table } from '../charts.js';

export async function render({ from, to }) {
  const data = await run('offers', { from, to });
  return body => {
    const offers = data.offerPerformance;
    if (offers.length === 0) {
      empty(body, 'No offer codes in this period.', ' Offers appear once customers are given codes (Customer.offers, personalize) or an offer experiment runs.');
      return 'empty';
    }
    const row = document.createElement('div');
    row.className = 'row';
    body.append(row);
    const costly = offers.filter(o => o.codesGiven > 0 || o.rewardCost > 0);
    if (costly.length) {
      chart(row, {
        title: { text: 'Reward cost and redemption rate', textStyle: { fontSize: 13, fontWeight: 500 } },
        legend: { top: 24 },
        grid: { left: 60, right: 60, top: 60, bottom: 80 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: costly.map(o => o.offer.id), axisLabel: { rotate: 40 } },
        yAxis: [{ type: 'value', name: 'cost' }, { type: 'value', name: 'redemption', axisLabel: { formatter: v => fmt.percent(v) } }],
        series: [
          { type: 'bar', name: 'Reward cost', data: costly.map(o => o.rewardCost) },
          { type: 'line', name: 'Redemption rate', yAxisIndex: 1, data: costly.map(o => o.redemptionRate) },
        ],
      });
    }
    const measured = offers.flatMap(o => o.incrementality.filter(i => i.difference != null).map(i => ({
      label: `${o.offer.id} (${i.experiment.id})`, value: i.difference, lower: i.lower, upper: i.upper,
    })));
    if (measured.length) forest(row, 'Net value added per exposed customer', measured, v => fmt.money(v));
    else empty(row, 'No incremental value measured in this period.', ' Run an offer experiment with a holdout (or a control without an offer) to measure what an offer adds beyond the orders customers would have placed anyway.');
    table(body, ['Offer', 'Codes given', 'Redeemed', 'Redemption rate', 'Reward cost', 'Redeemed orders', 'Incremental value (measured)'],
      offers.map(o => [o.offer.title, fmt.count(o.codesGiven), fmt.count(o.codesRedeemed), fmt.percent(o.redemptionRate), fmt.money(o.rewardCost),
        fmt.money(o.redeemedRevenue), o.incrementality.length ? o.incrementality.map(i => fmt.money(i.incrementalValue)).join(', ') : 'not measured']));
    return 'ready';
  };
}
