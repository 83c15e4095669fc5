// Lifecycle: customers per stage at each month's end (stacked), and the moves between stages (a flow diagram).
import { run } from '../graphql.js';
import { fmt } from '../format.js';
import { chart, empty, stageColors } from '../charts.js';

export async function render({ from, to, segmentId }) {
  const data = await run('stages', { from, to, segmentId });
  return body => {
    const { buckets, flows } = data.stageFlows;
    if (!buckets.some(b => b.stages.some(s => s.customers > 0))) {
      empty(body, 'No customers in this period.', ' Stages appear once customers are recorded; the stage history grows as `scores recompute` and the stage refresh move them.');
      return 'empty';
    }
    const stages = buckets[0].stages.map(s => s.stage);
    chart(body, {
      title: { text: 'Customers per stage, end of month', textStyle: { fontSize: 13, fontWeight: 500 } },
      legend: { top: 24 },
      grid: { left: 60, right: 20, top: 60, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: buckets.map(b => fmt.month(b.start)) },
      yAxis: { type: 'value' },
      series: stages.map((stage, i) => ({
        type: 'line', stack: 'stages', areaStyle: {}, symbol: 'none', name: fmt.stage(stage), color: stageColors[stage],
        data: buckets.map(b => b.stages[i].customers),
      })),
    });
    if (flows.length === 0) {
      empty(body, 'No stage changes in this period.', ' Customers kept their stages: flows appear when the stage refresh or a recompute moves someone.');
      return 'ready';
    }
    // Stages left on the left, stages entered on the right: moves both ways (ACTIVE ⇄ AT_RISK) stay a diagram without cycles.
    const left = s => `${fmt.stage(s)} →`;
    const right = s => `→ ${fmt.stage(s)}`;
    const nodes = [...new Set(flows.map(f => f.from))].map(s => ({ name: left(s), itemStyle: { color: stageColors[s] } }))
      .concat([...new Set(flows.map(f => f.to))].map(s => ({ name: right(s), itemStyle: { color: stageColors[s] } })));
    chart(body, {
      title: { text: 'Moves between stages in the period', textStyle: { fontSize: 13, fontWeight: 500 } },
      tooltip: { trigger: 'item' },
      series: [{
        type: 'sankey', top: 40, bottom: 10, left: 10, right: 120, nodeAlign: 'justify', emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', opacity: 0.35 },
        data: nodes, links: flows.map(f => ({ source: left(f.from), target: right(f.to), value: f.transitions })),
      }],
    }, 'tall');
    return 'ready';
  };
}
