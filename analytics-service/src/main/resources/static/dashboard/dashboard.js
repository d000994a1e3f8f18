'use strict';

/*
 * The live dashboard. Figures arrive as "hotspots" events on /api/hotspots/stream (the browser reconnects
 * by itself); a chosen segment is fetched from /api/hotspots?<dimension>=<value> whenever the figures change.
 * Every text goes in with textContent.
 */
(() => {
  const STREAM_URL = '/api/hotspots/stream';
  const HOTSPOTS_URL = '/api/hotspots';
  const BAR_HEIGHT = 34;
  const PRESENTER_BAR_HEIGHT = 52;
  const MAX_LABEL_LENGTH = 48;
  /* Between a label and the bars: the axis's own padding, and some air. */
  const LABEL_MARGIN = 12;
  const MAX_RECONNECT_DELAY = 30000;
  const numbers = new Intl.NumberFormat('en-GB');

  const page = {
    total: document.getElementById('total'),
    dimension: document.getElementById('dimension'),
    segmentValue: document.getElementById('segment-value'),
    viewToggle: document.getElementById('view-toggle'),
    presenter: document.getElementById('presenter'),
    viewTitle: document.getElementById('view-title'),
    viewSubtitle: document.getElementById('view-subtitle'),
    back: document.getElementById('back'),
    notice: document.getElementById('notice'),
    chartBox: document.getElementById('chart-box'),
    canvas: document.getElementById('chart'),
    chartFocus: document.getElementById('chart-focus'),
    tableBox: document.getElementById('table-box'),
    tableCaption: document.getElementById('table-caption'),
    nameHeading: document.getElementById('name-heading'),
    tasksHeading: document.getElementById('tasks-heading'),
    tableBody: document.getElementById('table-body'),
    status: document.getElementById('status'),
    surveyLink: document.getElementById('survey-link'),
    join: document.getElementById('join'),
    joinCode: document.getElementById('join-code'),
    joinUrl: document.getElementById('join-url'),
    workbookLink: document.getElementById('workbook-link'),
    legend: {
      core: document.getElementById('legend-core'),
      common: document.getElementById('legend-common'),
      niche: document.getElementById('legend-niche'),
      suppressed: document.getElementById('legend-suppressed')
    }
  };

  const state = {
    config: null,
    everyone: null,
    segment: null,
    segmentAnswer: null,
    segmentRequest: 0,
    areaId: null,
    rows: [],
    activeRow: -1,
    fontSize: 18,
    reconnectDelay: 1000
  };

  const styles = getComputedStyle(document.documentElement);
  const colours = {
    core: styles.getPropertyValue('--core').trim(),
    common: styles.getPropertyValue('--common').trim(),
    niche: styles.getPropertyValue('--niche').trim(),
    suppressed: styles.getPropertyValue('--suppressed').trim(),
    text: styles.getPropertyValue('--text').trim(),
    grid: 'rgba(255, 255, 255, 0.25)'
  };

  function fewerThanK() {
    const k = state.config ? state.config.minCellSize : 5;
    return 'fewer than ' + k + ' respondents';
  }

  function percent(value) {
    return value === null || value === undefined ? '' : value.toFixed(1) + ' %';
  }

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  /* The font the chart's labels are drawn in, for what the page draws or measures on the canvas itself. */
  function canvasFont() {
    return state.fontSize + 'px ' + Chart.defaults.font.family;
  }

  /* Draws each bar's share at its end: the figure is readable without hovering. */
  const barLabels = {
    id: 'barLabels',
    afterDatasetsDraw(chart) {
      const context = chart.ctx;
      const meta = chart.getDatasetMeta(0);
      context.save();
      context.fillStyle = colours.text;
      context.textBaseline = 'middle';
      context.font = canvasFont();
      meta.data.forEach((bar, index) => {
        const row = state.rows[index];
        if (!row) {
          return;
        }
        const label = row.suppressed ? fewerThanK() : percent(row.percentage);
        context.fillText(label, bar.x + 8, bar.y);
      });
      context.restore();
    }
  };

  /*
   * A name as the axis can show it whole: Chart.js gives the axis at most half the width beside the figures' room,
   * and draws a longer label past the canvas's left edge. Cut to fit, and to 48 characters, with an ellipsis; the
   * table and the tooltip give the whole name.
   */
  function fittedLabel(label, chart) {
    const room = (chart.width - chart.options.layout.padding.right) / 2 - LABEL_MARGIN;
    const context = chart.ctx;
    context.save();
    context.font = canvasFont();
    let text = label.length > MAX_LABEL_LENGTH ? label.slice(0, MAX_LABEL_LENGTH - 1).trimEnd() + '\u2026' : label;
    while (text.length > 2 && context.measureText(text).width > room) {
      text = text.slice(0, text.endsWith('\u2026') ? -2 : -1).trimEnd() + '\u2026';
    }
    context.restore();
    return text;
  }

  const chart = new Chart(page.canvas, {
    type: 'bar',
    data: {labels: [], datasets: [{data: [], backgroundColor: [], borderWidth: 0}]},
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: {duration: 300},
      layout: {padding: {right: 140}},
      plugins: {
        legend: {display: false},
        tooltip: {
          callbacks: {
            label: (item) => describe(state.rows[item.dataIndex])
          }
        }
      },
      scales: {
        x: {
          min: 0,
          max: 100,
          ticks: {color: colours.text, callback: (value) => value + ' %'},
          grid: {color: colours.grid}
        },
        y: {
          ticks: {
            color: colours.text,
            autoSkip: false,
            callback: function (value) {
              return fittedLabel(this.getLabelForValue(value), this.chart);
            }
          },
          grid: {display: false}
        }
      },
      onClick: (event, elements) => {
        if (elements.length > 0) {
          drillInto(elements[0].index);
        }
      }
    },
    plugins: [barLabels]
  });

  function describe(row) {
    if (!row) {
      return '';
    }
    if (row.suppressed) {
      return row.name + ': ' + fewerThanK();
    }
    return row.name + ': ' + numbers.format(row.count) + ' respondents, ' + percent(row.percentage)
        + ', rank ' + row.rank + ', ' + row.band;
  }

  function currentAnswer() {
    return state.segment ? state.segmentAnswer : state.everyone;
  }

  function render() {
    if (state.everyone) {
      page.total.textContent = numbers.format(state.everyone.totalResponses);
    }
    const answer = currentAnswer();
    if (!answer) {
      return;
    }
    const area = state.areaId ? answer.areas.find((candidate) => candidate.id === state.areaId) : null;
    if (state.areaId && !area) {
      state.areaId = null;
    }
    renderHeadings(answer, area);
    if (answer.suppressed) {
      page.notice.textContent = 'Fewer than ' + answer.minCellSize
          + ' respondents in this segment: its figures are hidden so that no one can be singled out.';
      page.notice.hidden = false;
      state.rows = [];
    } else {
      page.notice.hidden = true;
      state.rows = area ? area.tasks : answer.areas;
    }
    renderChart();
    renderTable(!area);
  }

  function renderHeadings(answer, area) {
    const segmentLabel = segmentDescription();
    page.viewTitle.textContent = area ? area.name + ': tasks, most common first' : 'Service areas, most common first';
    page.back.hidden = !area;
    let subtitle = segmentLabel ? 'Respondents: ' + segmentLabel : 'All respondents';
    if (answer.suppressed) {
      subtitle += ' (' + fewerThanK() + ')';
    } else if (state.segment) {
      subtitle += ' (' + numbers.format(answer.totalResponses) + ')';
    }
    page.viewSubtitle.textContent = subtitle;
    page.tableCaption.textContent = page.viewTitle.textContent + '. ' + subtitle;
    page.nameHeading.textContent = area ? 'Task' : 'Service area';
  }

  function renderChart() {
    const rows = state.rows;
    const barHeight = document.body.classList.contains('presenter') ? PRESENTER_BAR_HEIGHT : BAR_HEIGHT;
    page.chartBox.style.height = Math.max(rows.length, 1) * barHeight + 60 + 'px';
    state.fontSize = document.body.classList.contains('presenter') ? 26 : (window.innerWidth < 640 ? 13 : 18);
    chart.options.scales.y.ticks.font = {size: state.fontSize};
    chart.options.scales.x.ticks.font = {size: state.fontSize};
    chart.options.layout.padding.right = state.fontSize * 8;
    chart.data.labels = rows.map((row) => row.name);
    chart.data.datasets[0].data = rows.map((row) => (row.suppressed ? 0 : row.percentage));
    chart.data.datasets[0].backgroundColor = rows.map((row) => (row.suppressed ? colours.suppressed : colours[row.band]));
    if (state.activeRow >= rows.length) {
      state.activeRow = rows.length - 1;
    }
    chart.update();
    highlight(state.activeRow, false);
  }

  function renderTable(areasShown) {
    const body = document.createDocumentFragment();
    state.rows.forEach((row, index) => {
      const tr = document.createElement('tr');
      addCell(tr, row.suppressed ? '' : String(row.rank));
      const name = document.createElement('th');
      name.scope = 'row';
      name.textContent = row.name;
      tr.appendChild(name);
      addCell(tr, row.suppressed ? fewerThanK() : numbers.format(row.count), 'number');
      addCell(tr, row.suppressed ? '' : percent(row.percentage), 'number');
      addCell(tr, row.suppressed ? 'hidden' : row.band);
      const action = document.createElement('td');
      if (areasShown) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'drill';
        button.textContent = 'Tasks';
        button.setAttribute('aria-label', 'Show the tasks of ' + row.name);
        button.addEventListener('click', () => drillInto(index));
        action.appendChild(button);
      }
      tr.appendChild(action);
      body.appendChild(tr);
    });
    page.tableBody.replaceChildren(body);
    page.tasksHeading.hidden = !areasShown;
  }

  function addCell(row, text, className) {
    const cell = document.createElement('td');
    cell.textContent = text;
    if (className) {
      cell.className = className;
    }
    row.appendChild(cell);
  }

  function drillInto(index) {
    const row = state.rows[index];
    if (state.areaId || !row) {
      return;
    }
    state.areaId = row.id;
    state.activeRow = -1;
    render();
    page.viewTitle.focus();
  }

  function backToAreas() {
    const areaId = state.areaId;
    state.areaId = null;
    render();
    state.activeRow = state.rows.findIndex((row) => row.id === areaId);
    highlight(state.activeRow, true);
    (page.tableBox.classList.contains('visually-hidden') ? page.canvas : page.viewTitle).focus();
  }

  function highlight(index, announce) {
    const valid = index >= 0 && index < state.rows.length;
    const active = valid ? [{datasetIndex: 0, index: index}] : [];
    chart.setActiveElements(active);
    chart.tooltip.setActiveElements(active, {x: 0, y: 0});
    chart.update('none');
    if (announce && valid) {
      page.chartFocus.textContent = describe(state.rows[index]);
    }
  }

  page.canvas.addEventListener('keydown', (event) => {
    const last = state.rows.length - 1;
    if (last < 0) {
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowRight') {
      state.activeRow = Math.min(last, state.activeRow + 1);
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') {
      state.activeRow = Math.max(0, state.activeRow - 1);
    } else if (event.key === 'Home') {
      state.activeRow = 0;
    } else if (event.key === 'End') {
      state.activeRow = last;
    } else if (event.key === 'Enter' && state.activeRow >= 0) {
      drillInto(state.activeRow);
      event.preventDefault();
      return;
    } else if (event.key === 'Escape' && state.areaId) {
      backToAreas();
      return;
    } else {
      return;
    }
    event.preventDefault();
    highlight(state.activeRow, true);
  });

  page.back.addEventListener('click', backToAreas);

  page.viewToggle.addEventListener('click', () => {
    const table = page.viewToggle.getAttribute('aria-pressed') !== 'true';
    page.viewToggle.setAttribute('aria-pressed', String(table));
    page.viewToggle.textContent = table ? 'Show as a chart' : 'Show as a table';
    page.tableBox.classList.toggle('visually-hidden', !table);
    page.chartBox.hidden = table;
  });

  page.presenter.addEventListener('click', () => {
    const presenting = !document.body.classList.contains('presenter');
    setPresenter(presenting);
    if (presenting && document.documentElement.requestFullscreen && !document.fullscreenElement) {
      document.documentElement.requestFullscreen().catch(() => {
        // Full screen may be refused (a kiosk, an iframe): the large type still applies.
      });
    } else if (!presenting && document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    }
  });

  document.addEventListener('fullscreenchange', () => {
    if (!document.fullscreenElement) {
      setPresenter(false);
    }
  });

  function setPresenter(presenting) {
    document.body.classList.toggle('presenter', presenting);
    page.presenter.setAttribute('aria-pressed', String(presenting));
    page.presenter.textContent = presenting ? 'Leave presenter mode' : 'Presenter mode';
    render();
  }

  function segmentDescription() {
    if (!state.segment || !state.config) {
      return null;
    }
    const dimension = state.config.dimensions.find((candidate) => candidate.id === state.segment.dimension);
    const option = dimension && dimension.options.find((candidate) => candidate.value === state.segment.value);
    return option ? option.label : state.segment.value;
  }

  page.dimension.addEventListener('change', () => {
    const dimension = state.config.dimensions.find((candidate) => candidate.id === page.dimension.value);
    const placeholder = document.createElement('option');
    placeholder.value = '';
    placeholder.textContent = dimension ? 'Choose\u2026' : 'Choose a group first';
    const options = [placeholder];
    if (dimension) {
      dimension.options.forEach((option) => {
        const element = document.createElement('option');
        element.value = option.value;
        element.textContent = option.label;
        options.push(element);
      });
    }
    page.segmentValue.replaceChildren(...options);
    page.segmentValue.disabled = !dimension;
    selectSegment(null);
  });

  page.segmentValue.addEventListener('change', () => {
    const value = page.segmentValue.value;
    selectSegment(value ? {dimension: page.dimension.value, value: value} : null);
  });

  function selectSegment(segment) {
    state.segment = segment;
    state.segmentAnswer = null;
    state.areaId = null;
    state.activeRow = -1;
    if (segment) {
      fetchSegment();
    } else {
      render();
    }
  }

  function fetchSegment() {
    const segment = state.segment;
    const request = ++state.segmentRequest;
    const query = new URLSearchParams({[segment.dimension]: segment.value});
    fetch(HOTSPOTS_URL + '?' + query, {headers: {Accept: 'application/json'}})
        .then((response) => {
          if (!response.ok) {
            throw new Error('HTTP ' + response.status);
          }
          return response.json();
        })
        .then((answer) => {
          if (request === state.segmentRequest && state.segment === segment) {
            state.segmentAnswer = answer;
            render();
          }
        })
        .catch(() => {
          page.status.textContent = 'Could not load this segment; it is retried with the next update.';
        });
  }

  function receive(hotspots) {
    state.everyone = hotspots;
    if (state.segment) {
      fetchSegment();
    }
    render();
  }

  function connect() {
    const source = new EventSource(STREAM_URL);
    source.addEventListener('hotspots', (event) => {
      state.reconnectDelay = 1000;
      page.status.textContent = 'Live: updated ' + new Date().toLocaleTimeString('en-GB');
      receive(JSON.parse(event.data));
    });
    source.addEventListener('error', () => {
      page.status.textContent = 'Connection lost: reconnecting\u2026';
      if (source.readyState === EventSource.CLOSED) {
        // The browser gives up on some failures (an error status): try again, waiting longer each time.
        setTimeout(connect, state.reconnectDelay);
        state.reconnectDelay = Math.min(MAX_RECONNECT_DELAY, state.reconnectDelay * 2);
      }
    });
  }

  function applyConfig(config) {
    state.config = config;
    config.dimensions.forEach((dimension) => {
      const option = document.createElement('option');
      option.value = dimension.id;
      option.textContent = dimension.label;
      page.dimension.appendChild(option);
    });
    page.legend.core.textContent = 'core: ' + config.bands.core + ' % or more';
    page.legend.common.textContent = 'common: ' + config.bands.common + ' % to under ' + config.bands.core + ' %';
    page.legend.niche.textContent = 'niche: under ' + config.bands.common + ' %';
    page.legend.suppressed.textContent = 'hidden: ' + fewerThanK();
    page.surveyLink.href = config.links.survey;
    page.workbookLink.href = config.links.workbook;
    if (config.join) {
      // Shown in presenter mode: the room scans the code, or types the address, scheme left out.
      page.joinCode.alt = 'QR code of ' + config.join.url;
      page.joinCode.src = config.join.qrCode;
      page.joinUrl.textContent = config.join.url.replace(/^https?:\/\//, '');
      page.join.hidden = false;
    }
  }

  window.addEventListener('resize', () => render());

  fetch('config.json', {headers: {Accept: 'application/json'}})
      .then((response) => response.json())
      .then(applyConfig)
      .catch(() => {
        page.status.textContent = 'Segments are unavailable right now.';
      })
      .finally(connect);
})();
