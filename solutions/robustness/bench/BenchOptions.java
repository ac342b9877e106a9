import java.nio.file.Path;

/**
 * The command line of the benchmark's two yardsticks, JdkServer and FloorServer: --port N (0, the
 * default, lets the system choose) and --root FOLDER (default www), as the reference server takes
 * them. bench.sh compiles the three files together.
 */
record BenchOptions(int port, Path root) {

    static BenchOptions parse(String[] args) {
        int port = 0;
        Path root = Path.of("www");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--root")) {
                root = Path.of(args[i + 1]);
            }
        }
        return new BenchOptions(port, root);
    }
}
