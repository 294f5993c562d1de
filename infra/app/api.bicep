// The Function App on the Flex Consumption plan, .NET 10 isolated worker, and every app setting it reads.
//
// The settings are one literal list on purpose: tests/Mouazara.Infra.Tests compiles this template and
// compares these names with the configuration src/Mouazara binds, both ways. A new option in the code
// without its setting here, or a setting here the code never reads, fails the build.

param name string
param planName string
param location string
param tags object

@description('azd finds the app to deploy to by this tag (azure.yaml service name).')
param serviceName string

param identityId string
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerUrl string
param attachmentsContainerName string

param keyVaultName string
param keyVaultSecretNames object

param applicationInsightsConnectionString string

@description('Durable task hub; host.json reads it as %Durable__TaskHub%.')
param taskHubName string

@description('The Durable Task Scheduler\'s endpoint when it is the durable backend; empty for Azure Storage (the default).')
param schedulerEndpoint string

@description('Instances kept warm for the durable group (orchestrators, activities), so timers and events are handled without a cold start.')
@minValue(0)
param alwaysReadyDurableInstances int

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Entra ID tenant that issues staff and finance tokens.')
param authTenantId string

@description('Tokens\' aud: the Mouazara API app registration\'s client id (v2 tokens carry the client id).')
param authAudience string

@description('Public base address for links in emails; empty for the Function App\'s own https address.')
param publicBaseUrl string

param emailFromAddress string
param emailFromName string

@description('Form providers whose webhooks are on; the others get an empty secret, which the app answers with 404.')
param intakeProviders array

@description('Per provider (generic, kobo, typeform, tally): comma-separated hosts its file links may point to.')
param intakeFileHosts object

param maxIntakeBodyBytes int
param maxDocumentBytes int

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    // Key Vault references resolve with the same identity as everything else.
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: alwaysReadyDurableInstances
          }
        ]
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// No publishing passwords: azd and the pipeline deploy with Entra ID tokens.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// Links are built relative to this base, so it must end with a slash.
var linksBaseUrl = empty(publicBaseUrl)
  ? 'https://${site.properties.defaultHostName}/'
  : endsWith(publicBaseUrl, '/') ? publicBaseUrl : '${publicBaseUrl}/'
var issuer = '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'

// Reading a secret through the app's identity; the version is left out so the latest is used.
func secretReference(vault string, secret string) string => '@Microsoft.KeyVault(VaultName=${vault};SecretName=${secret})'

// A provider that is not switched on gets an empty secret: the webhook answers 404 and nothing is signed
// with a value anyone could guess (an unresolved Key Vault reference would arrive as its own text).
func providerSecret(vault string, secret string, providers array, provider string) string =>
  contains(providers, provider) ? secretReference(vault, secret) : ''

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Functions host storage and the durable backend (connection "AzureWebJobsStorage"), by identity.
    AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
    AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId

    // Telemetry, accepted only with an Entra ID token of the app's identity (local auth is off).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // Durable Functions: the task hub host.json names (%Durable:TaskHub%). Its idle polling interval is in host.json
    // itself (extensions.durableTask.storageProvider.maxQueuePollingInterval).
    Durable__TaskHub: taskHubName
    // The durable backend, overriding host.json's storageProvider: Azure Storage (the AzureWebJobsStorage account
    // above), or the Durable Task Scheduler reached with the app's identity (main.bicep's durableBackend).
    AzureFunctionsJobHost__extensions__durableTask__storageProvider__type: empty(schedulerEndpoint) ? 'AzureStorage' : 'azureManaged'
    AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName: empty(schedulerEndpoint)
      ? 'AzureWebJobsStorage'
      : 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING'
    DURABLE_TASK_SCHEDULER_CONNECTION_STRING: empty(schedulerEndpoint)
      ? ''
      : 'Endpoint=${schedulerEndpoint};Authentication=ManagedIdentity;ClientID=${identityClientId}'

    // StorageOptions: the product's tables and attachments, by the same identity.
    Storage__BlobServiceUri: storageBlobEndpoint
    Storage__TableServiceUri: storageTableEndpoint
    Storage__ClientId: identityClientId
    Storage__AttachmentsContainer: attachmentsContainerName
    // A storage request that hangs is given up after 10 s and retried twice: callers get a 503 in about 30 s, not minutes.
    Storage__NetworkTimeout: '00:00:10'
    Storage__MaxRetries: '2'

    // LinkOptions: the keys that sign emailed links, and where the links point.
    Links__SigningKey: secretReference(keyVaultName, keyVaultSecretNames.linkSigningKey)
    Links__PreviousSigningKey: secretReference(keyVaultName, keyVaultSecretNames.linkPreviousSigningKey)
    Links__PublicBaseUrl: linksBaseUrl
    // Download links for staff, finance, reviewers and the agreement to sign live minutes: a forwarded one soon dies.
    Links__DownloadLifetime: '00:10:00'

    // AuthOptions: staff and finance tokens from Microsoft Entra ID (v2 tokens).
    Auth__Authority: issuer
    Auth__Issuer: issuer
    Auth__Audience: authAudience

    // ConsoleOptions: the staff console signs in with the API's own app registration and asks for its scope.
    Console__ClientId: authAudience
    Console__ApiScope: 'api://${authAudience}/Mouazara.Access'

    // EmailOptions: SendGrid itself (no host override), the key from Key Vault.
    Email__SendGridApiKey: secretReference(keyVaultName, keyVaultSecretNames.sendGridApiKey)
    Email__FromAddress: emailFromAddress
    Email__FromName: emailFromName
    Email__SendTimeout: '00:00:30'

    // IntakeOptions: one secret per form provider, file downloads, the mappings, and the largest delivery accepted.
    Intake__Secrets__generic: providerSecret(keyVaultName, keyVaultSecretNames.intakeGeneric, intakeProviders, 'generic')
    Intake__Secrets__kobo: providerSecret(keyVaultName, keyVaultSecretNames.intakeKobo, intakeProviders, 'kobo')
    Intake__Secrets__typeform: providerSecret(keyVaultName, keyVaultSecretNames.intakeTypeform, intakeProviders, 'typeform')
    Intake__Secrets__tally: providerSecret(keyVaultName, keyVaultSecretNames.intakeTally, intakeProviders, 'tally')
    // The credentials files are downloaded with, from links in Kobo and Typeform deliveries; empty like the
    // secrets when the provider is off (a reference to a secret never set would stop the app at start).
    Intake__ApiKeys__kobo: providerSecret(keyVaultName, keyVaultSecretNames.intakeApiKeyKobo, intakeProviders, 'kobo')
    Intake__ApiKeys__typeform: providerSecret(keyVaultName, keyVaultSecretNames.intakeApiKeyTypeform, intakeProviders, 'typeform')
    // The only hosts file links are fetched from, per provider (defaults: the code's; generic: none).
    Intake__FileHosts__generic: intakeFileHosts.generic
    Intake__FileHosts__kobo: intakeFileHosts.kobo
    Intake__FileHosts__typeform: intakeFileHosts.typeform
    Intake__FileHosts__tally: intakeFileHosts.tally
    // The form mappings ship with the app: the Functions build copies editions/mappings/*.json next to it,
    // and a relative path is read from the app's folder.
    Intake__MappingsPath: 'editions/mappings'
    Intake__MaxBodyBytes: string(maxIntakeBodyBytes)
    // Bodies not verified yet (signature checked once they are in) that one instance receives at once: two of the largest.
    Intake__MaxUnverifiedBytes: string(2 * maxIntakeBodyBytes)
    // A burst's deliveries are acknowledged at once and processed in turn: 16 at once, then 4 a second per instance.
    Intake__StartBurst: '4'
    Intake__StartsPerSecond: '2'
    // The Functions host refuses bodies over 100 MB by default, before the app sees them; a little above the
    // app's own limit, so that an oversized delivery gets the app's problem+json 413.
    FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: string(maxIntakeBodyBytes + 1048576)

    // DocumentOptions: the largest file accepted.
    Documents__MaxFileBytes: string(maxDocumentBytes)
    Documents__MaxUploadsPerDocument: '5'
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
output publicBaseUrl string = linksBaseUrl
