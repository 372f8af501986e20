# Build entry points: `sam build` calls build-GuardFunction; people call demo and test.
.PHONY: build-GuardFunction bootstrap demo test release

# The function's architecture. SAM does not tell a makefile build the function's Architectures
# (aws/aws-sam-cli#3349), so set it to the template's Architecture parameter: IDCKMSGUARD_ARCH=arm64 sam build.
IDCKMSGUARD_ARCH ?= x86_64
RID_x86_64 = linux-x64
RID_arm64 = linux-arm64
RID = $(RID_$(IDCKMSGUARD_ARCH))
ifeq ($(RID),)
$(error IDCKMSGUARD_ARCH must be x86_64 or arm64 (the template's Architecture parameter), not '$(IDCKMSGUARD_ARCH)')
endif

PUBLISH = dotnet publish functions/IdcKmsGuard.Function/IdcKmsGuard.Function.csproj -c Release -r $(RID)

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

# Everything a user deploys without building: function zips and packaged templates for x86_64 and arm64, the CLI
# (dotnet tool and self-contained executables), SBOMs and SHA256SUMS, in artifacts/release (infra/release/release.py).
release:
	python3 infra/release/release.py
