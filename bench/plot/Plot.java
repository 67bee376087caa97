import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Turns the rounds that bench/run-all.sh measured (CSV: group,scenario,round,rps,p99_ms) into
 * docs/performance: per group a throughput and a p99 chart (bar: median of the rounds; markers: the
 * lowest and highest round), summary.md (medians and spreads) and ratios.md (ratios of two
 * scenarios taken round by round, so that both sides of a ratio come from the same round; median
 * and min-max of those, checked against a goal: requests/s at least the goal, or with a fifth
 * field {@code p99}, p99 latency at most the goal).
 *
 * <pre>java -cp XCHART_CLASSPATH bench/plot/Plot.java rounds.csv OUT_DIR [label|group/a|group/b|goal[|p99] ...]</pre>
 */
public class Plot {
    record Row(String group, String scenario, int round, double rps, double p99) {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (f.length != 5 || f[0].equals("group")) {
                continue;
            }
            rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        }
        Map<String, Map<String, List<Row>>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(r.group(), g -> new LinkedHashMap<>()).computeIfAbsent(r.scenario(), s -> new ArrayList<>()).add(r);
        }

        StringBuilder summary = new StringBuilder();
        for (var g : groups.entrySet()) {
            summary.append("\n**").append(g.getKey()).append("** (").append(g.getValue().values().iterator().next().size())
                    .append(" rounds)\n\n| scenario | req/s median | req/s min–max | p99 ms median | p99 ms min–max |\n| --- | ---: | ---: | ---: | ---: |\n");
            for (var s : g.getValue().entrySet()) {
                double[] rps = s.getValue().stream().mapToDouble(Row::rps).sorted().toArray();
                double[] p99 = s.getValue().stream().mapToDouble(Row::p99).sorted().toArray();
                summary.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f–%,.0f | %.1f | %.1f–%.1f |%n", s.getKey(),
                        median(rps), rps[0], rps[rps.length - 1], median(p99), p99[0], p99[p99.length - 1]));
            }
            chart(g.getKey(), g.getValue(), true, out.resolve(g.getKey() + "-throughput"));
            chart(g.getKey(), g.getValue(), false, out.resolve(g.getKey() + "-p99"));
        }
        Files.writeString(out.resolve("summary.md"), summary.toString());

        StringBuilder ratios = new StringBuilder("| ratio (round by round) | median | min–max | goal | met? |\n| --- | ---: | ---: | ---: | --- |\n");
        for (int i = 2; i < args.length; i++) {
            String[] spec = args[i].split("\\|", -1);
            boolean p99 = spec.length > 4 && spec[4].equals("p99"); // goal is then an upper bound
            Map<Integer, Double> a = byRound(rows, spec[1], p99);
            Map<Integer, Double> b = byRound(rows, spec[2], p99);
            List<Double> r = new ArrayList<>();
            a.forEach((round, v) -> {
                if (b.containsKey(round) && b.get(round) > 0) {
                    r.add(v / b.get(round));
                }
            });
            if (r.isEmpty()) {
                ratios.append("| ").append(spec[0]).append(" | not measured | | ").append(spec[3]).append(" | |\n");
                continue;
            }
            double[] v = r.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            boolean reached = !spec[3].isEmpty() && (p99 ? median(v) <= Double.parseDouble(spec[3]) : median(v) >= Double.parseDouble(spec[3]));
            String met = spec[3].isEmpty() ? "" : reached ? "met" : "**not met**";
            ratios.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f–%.2f | %s | %s |%n", spec[0], median(v), v[0], v[v.length - 1],
                    spec[3].isEmpty() ? "" : (p99 ? "≤ " : "≥ ") + spec[3], met));
        }
        Files.writeString(out.resolve("ratios.md"), ratios.toString());
    }

    static Map<Integer, Double> byRound(List<Row> rows, String key, boolean p99) {
        Map<Integer, Double> m = new TreeMap<>();
        for (Row r : rows) {
            if ((r.group() + "/" + r.scenario()).equals(key)) {
                m.put(r.round(), p99 ? r.p99() : r.rps());
            }
        }
        return m;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static void chart(String group, Map<String, List<Row>> scenarios, boolean throughput, Path file) throws IOException {
        List<String> names = new ArrayList<>(scenarios.keySet());
        List<Double> med = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        for (String s : names) {
            double[] v = scenarios.get(s).stream().mapToDouble(throughput ? Row::rps : Row::p99).sorted().toArray();
            med.add(median(v));
            lo.add(v[0]);
            hi.add(v[v.length - 1]);
        }
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(560)
                .title(group + (throughput ? ": throughput (higher is better)" : ": p99 latency (lower is better)"))
                .xAxisTitle("scenario").yAxisTitle(throughput ? "requests/s" : "p99 (ms)").build();
        var st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setXAxisLabelRotation(30);
        st.setLabelsVisible(true); // the value on each bar
        st.setChartBackgroundColor(java.awt.Color.WHITE);
        st.setPlotBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern(throughput ? "#,###" : "#,##0.0");
        chart.addSeries("median of rounds", names, med).setFillColor(new java.awt.Color(0x4C, 0x78, 0xA8));
        for (var s : List.of(new Object[] {"lowest round", lo}, new Object[] {"highest round", hi})) {
            @SuppressWarnings("unchecked")
            CategorySeries series = chart.addSeries((String) s[0], names, (List<Double>) s[1]);
            series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            series.setMarker(s[0].equals("lowest round") ? SeriesMarkers.TRIANGLE_DOWN : SeriesMarkers.TRIANGLE_UP);
            series.setMarkerColor(s[0].equals("lowest round") ? new java.awt.Color(0xE4, 0x57, 0x56) : new java.awt.Color(0x54, 0xA2, 0x4B));
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
