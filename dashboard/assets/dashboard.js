// The dashboard in the browser (no build step, no inline script): draws each server-rendered
// chart again with Apache ECharts, interactive (tooltips, resizing), from the option the server
// wrote beside it as JSON; then every minute fetches the same page and puts its fresh figures,
// tables and charts in place, so a wall screen stays current without reloading.
(() => {
  const REFRESH_MS = 60_000;
  const charts = new Map();

  // Drawn on the canvas (richText): ECharts' HTML tooltip writes style attributes, which the
  // pages' content policy refuses.
  function tooltipFor(option) {
    const pie = (option.series || []).some((s) => s.type === 'pie');
    const tooltip = pie ? { trigger: 'item', formatter: '{b}: {c}（{d}%）' } : { trigger: 'axis' };
    return { ...tooltip, renderMode: 'richText' };
  }

  function draw(figure, option) {
    const box = figure.querySelector('.chart-box');
    if (!box || !window.echarts) return;
    const width = Number(box.dataset.width) || 640;
    const height = Number(box.dataset.height) || 320;
    const id = figure.dataset.chart;
    charts.get(id)?.dispose();
    box.replaceChildren();
    // The drawing keeps the server's proportions at whatever width the page gives it.
    box.style.height = `${Math.round((box.clientWidth || width) * (height / width))}px`;
    const chart = window.echarts.init(box, null, { renderer: 'canvas' });
    chart.setOption({ ...option, tooltip: tooltipFor(option) });
    charts.set(id, chart);
  }

  function drawAll(root) {
    for (const figure of root.querySelectorAll('figure[data-chart]')) {
      const block = figure.querySelector('script[type="application/json"]');
      if (block) draw(figure, JSON.parse(block.textContent || '{}'));
    }
  }

  function resize() {
    for (const figure of document.querySelectorAll('figure[data-chart]')) {
      const box = figure.querySelector('.chart-box');
      const chart = charts.get(figure.dataset.chart);
      if (!box || !chart) continue;
      const ratio = Number(box.dataset.height) / Number(box.dataset.width) || 0.5;
      box.style.height = `${Math.round(box.clientWidth * ratio)}px`;
      chart.resize();
    }
  }

  /** The sections the refresh replaces: everything whose figures change. */
  const live = ['#kpis', '#trend', '#ranking', '#hotspots', '.breakdowns'];

  async function refresh() {
    try {
      const res = await fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
      // Signed out or refused: a full load shows the sign-in or the error page.
      if (res.redirected || !res.ok) return location.reload();
      const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
      for (const selector of live) {
        const now = document.querySelector(selector);
        const next = fresh.querySelector(selector);
        if (now && next) now.replaceWith(document.adoptNode(next));
      }
      for (const chart of charts.values()) chart.dispose();
      charts.clear();
      drawAll(document);
      const stamp = document.getElementById('updated');
      if (stamp) stamp.dataset.refreshedAt = new Date().toISOString();
    } catch {
      // Offline for a moment: the next minute tries again.
    }
  }

  /** Sorting the ranking in place when a column head is clicked (the link still works without it). */
  function sortInPlace(event) {
    const link = event.target.closest('table[data-sortable] thead a');
    if (!link) return;
    const th = link.closest('th');
    const table = th.closest('table');
    const index = [...th.parentElement.children].indexOf(th);
    const body = table.tBodies[0];
    const value = (tr) => {
      const text = tr.children[index]?.dataset.sortValue;
      return text === undefined || text === '' ? Number.NEGATIVE_INFINITY : Number(text);
    };
    event.preventDefault();
    const rows = [...body.rows].sort((a, b) => value(b) - value(a));
    body.append(...rows);
    for (const head of table.tHead.rows[0].children) head.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', 'descending');
    history.replaceState(null, '', link.href);
  }

  drawAll(document);
  document.addEventListener('click', sortInPlace);
  window.addEventListener('resize', resize);
  setInterval(refresh, REFRESH_MS);
})();
