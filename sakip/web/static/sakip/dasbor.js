/* Dashboard charts (Chart.js 4, vendored). Each <canvas data-grafik="…" data-sumber="id"> reads
   its data from the json_script element `id`. Numbers arrive as plain dot-decimal strings (never
   localised in JSON); what the reader sees is the Indonesian text sent alongside them. */
(function () {
  "use strict";

  function angka(v) { return v === null || v === undefined || v === "" ? null : Number(v); }

  function rupiahSingkat(v) {
    // Axis ticks only; exact Indonesian figures are in the tooltips and the tables.
    var n = Math.abs(v), tanda = v < 0 ? "-" : "";
    if (n >= 1e12) return tanda + (n / 1e12).toLocaleString("id-ID", { maximumFractionDigits: 1 }) + " T";
    if (n >= 1e9) return tanda + (n / 1e9).toLocaleString("id-ID", { maximumFractionDigits: 1 }) + " M";
    if (n >= 1e6) return tanda + (n / 1e6).toLocaleString("id-ID", { maximumFractionDigits: 1 }) + " jt";
    return tanda + n.toLocaleString("id-ID");
  }

  var dasar = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: "y",
    plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
  };

  var pembuat = {
    pemda: function (d) {
      return {
        type: "bar",
        data: {
          labels: d.label,
          datasets: [
            { label: "Capaian kinerja (%)", data: d.capaian.map(angka), backgroundColor: d.warna,
              borderColor: "#33414f", borderWidth: 0.5, teks: d.capaian_teks },
            { label: "Serapan anggaran (%)", data: d.serapan.map(angka), backgroundColor: "#9db4cf",
              teks: d.serapan_teks },
          ],
        },
        options: Object.assign({}, dasar, {
          scales: { x: { beginAtZero: true, title: { display: true, text: "%" } } },
          plugins: Object.assign({}, dasar.plugins, {
            // Capaian bars take their rating band's colour; the legend shows a neutral swatch.
            legend: { position: "bottom", labels: { boxWidth: 12, generateLabels: function (chart) {
              return chart.data.datasets.map(function (ds, i) {
                return { text: ds.label, fillStyle: i === 0 ? "#4f8a5b" : ds.backgroundColor, strokeStyle: "#33414f",
                         lineWidth: i === 0 ? 0.5 : 0, datasetIndex: i, hidden: !chart.isDatasetVisible(i) };
              });
            } } },
            tooltip: { callbacks: { label: function (c) {
              return c.dataset.label.replace(" (%)", "") + ": " + (c.dataset.teks[c.dataIndex] || "tidak terukur");
            } } },
          }),
        }),
      };
    },
    anggaran: function (d) {
      return {
        type: "bar",
        data: {
          labels: d.label,
          datasets: [
            { label: "Pagu", data: d.pagu.map(angka), backgroundColor: "#c9d6e6", teks: d.pagu_teks },
            { label: "Realisasi", data: d.realisasi.map(angka), backgroundColor: "#17457a", teks: d.realisasi_teks },
          ],
        },
        options: Object.assign({}, dasar, {
          scales: { x: { beginAtZero: true, ticks: { callback: rupiahSingkat } } },
          plugins: Object.assign({}, dasar.plugins, {
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + c.dataset.teks[c.dataIndex]; } } },
          }),
        }),
      };
    },
  };

  function gambar() {
    if (typeof Chart === "undefined") return;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    document.querySelectorAll("canvas[data-grafik]").forEach(function (kanvas) {
      var sumber = document.getElementById(kanvas.dataset.sumber);
      var buat = pembuat[kanvas.dataset.grafik];
      if (!sumber || !buat) return;
      new Chart(kanvas, buat(JSON.parse(sumber.textContent)));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", gambar);
  else gambar();
})();
