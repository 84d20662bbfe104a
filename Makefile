# nnsh: build, run, test. `make run` and `make test` are the two set-up commands.
MVN ?= mvn -B -q -Dstyle.color=never
JAR := target/nnsh.jar
SOURCES := $(shell find src/main -type f) pom.xml
# The JVM options every run uses (the Vector API module, a compiler limit and 64-byte object alignment; the
# file says why), and
# the launcher's heap and collector, so the benchmarks run as the shell does.
JVM_FLAGS := @scripts/java.flags @scripts/java-defaults.flags

.PHONY: build run test e2e clean bench bench-gemm jmh

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -DskipTests package

run: $(JAR)
	scripts/nnsh --startup load

# The shell typed into through tmux (ShellE2ETest) against the packaged jar. pom.xml leaves it out of
# the unit tests, which run before the jar is built; surefire:test runs it without compiling again,
# so the jar is not left older than the classes.
E2E := $(MVN) surefire:test -Dtest=ShellE2ETest -Dsurefire.failIfNoSpecifiedTests=false

# The kernels' tests again with 4 lanes, as on an AVX2 machine: this machine's AVX-512 runs them with 8,
# and the vector paths are written for any lane count from 4 to 8 (their lane sums, tails and packing).
LANES4 := $(MVN) surefire:test -Dsurefire.failIfNoSpecifiedTests=false \
	-Dtest='nnsh.core.*Test,SparseInputTest,DeterminismTest,FusedHeadTest,CompactInputTest,GradientCheckTest,AllocationTest' \
	-Dnnsh.jvm.flags='@scripts/java.flags -XX:MaxVectorSize=32'

# Unit tests (during package), the kernels' tests at 4 lanes, then the shell typed into through tmux
# against the fresh jar, then the three proof scripts with their accuracy floors.
test:
	$(MVN) package
	@echo "make test: the kernels' tests again with 4 lanes (-XX:MaxVectorSize=32)"
	$(LANES4)
	$(E2E)
	scripts/run-proofs

# The terminal tests alone, after packaging (which compiles the tests too).
e2e:
	$(MVN) -DskipTests package
	$(E2E)

clean:
	$(MVN) clean

# The speed workloads, one line each: `bench W1 <ms> ms/iteration` (784-10-10 full-batch GD on 41,000
# images), `bench W2 <s> s/epoch` (784-1000-10 Adam, batches of 1,024), `bench gemm <GFLOPS> GFLOPS`
# (2048^3, all cores); then, when python3 with numpy is there, the same workloads in numpy
# (bench/numpy_reference.py) in the same minute and the ratios. BENCH_ARGS='W1 --threads 1' picks some;
# BENCH_ARGS='W1 stream' also prints `bench stream <ms> ms`, reading W1's matrix once: its memory floor.
BENCH_ARGS ?= --numpy
bench: $(JAR)
	java $(JVM_FLAGS) -cp $(JAR) nnsh.bench.Bench $(BENCH_ARGS)

# Kernel throughput alone: 2048^3 dgemm on all cores and on one.
bench-gemm: $(JAR)
	java $(JVM_FLAGS) -cp $(JAR) nnsh.core.GemmBench

# JMH kernel benchmarks (src/test/java/nnsh/core/bench); pass options, e.g. JMH_ARGS='GemmBenchmark.layer'.
jmh:
	$(MVN) -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
	java $(JVM_FLAGS) -cp target/test-classes:target/classes:$$(cat target/jmh.classpath) org.openjdk.jmh.Main $(JMH_ARGS)
