# nnsh: build, run, test. `make run` and `make test` are the two set-up commands.
MVN ?= mvn -B -q
JAR := target/nnsh.jar
SOURCES := $(shell find src/main -type f) pom.xml

.PHONY: build run test clean

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -DskipTests package

run: $(JAR)
	scripts/nnsh

test:
	$(MVN) package
	scripts/run-proofs

clean:
	$(MVN) clean
