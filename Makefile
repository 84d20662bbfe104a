# nnsh: build, run, test. `make run` and `make test` are the two set-up commands.
MVN ?= mvn -B -q
JAR := target/nnsh.jar
SOURCES := $(shell find src/main -type f) pom.xml

.PHONY: build run test e2e clean

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -DskipTests package

run: $(JAR)
	scripts/nnsh

test:
	$(MVN) package
	scripts/run-proofs

# The shell typed into through tmux (ShellE2ETest); it needs the packaged jar, so it runs after it.
e2e:
	$(MVN) -DskipTests package
	$(MVN) test -Dtest=ShellE2ETest -Dsurefire.failIfNoSpecifiedTests=false

clean:
	$(MVN) clean
