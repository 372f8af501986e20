# Build entry points: `sam build` calls build-GuardFunction; people call demo and test.
.PHONY: build-GuardFunction bootstrap demo test

PUBLISH = dotnet publish functions/IdcKmsGuard.Function/IdcKmsGuard.Function.csproj -c Release -r linux-x64

# SAM's makefile build: the Native AOT binary, alone, as $(ARTIFACTS_DIR)/bootstrap.
build-GuardFunction:
	$(PUBLISH) -o $(ARTIFACTS_DIR)/publish
	cp $(ARTIFACTS_DIR)/publish/bootstrap $(ARTIFACTS_DIR)/bootstrap
	rm -rf $(ARTIFACTS_DIR)/publish

bootstrap:
	$(PUBLISH) -o artifacts/publish

demo:
	python3 infra/local/demo.py

test:
	dotnet test IdcKmsGuard.sln
