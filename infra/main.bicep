// Mouazara backend on Azure: `azd up` provisions this and deploys src/Mouazara.Functions to it.
//
//   resource group rg-<environment>
//   ├─ user-assigned managed identity      app/identity.bicep
//   ├─ storage account (no keys)            app/storage.bicep   attachments, tables, durable task hub
//   ├─ Log Analytics + Application Insights app/monitoring.bicep local auth off
//   ├─ Key Vault (RBAC)                      app/keyvault.bicep  SendGrid key, link keys, webhook secrets, file API keys
//   ├─ role assignments                      app/rbac.bicep      data-plane roles only
//   ├─ Durable Task Scheduler (optional)     app/scheduler.bicep durableBackend = 'durableTaskScheduler'
//   └─ Flex Consumption plan + Function App  app/api.bicep       every app setting the code reads
//
// infra/README.md explains the parameters, the Entra ID app roles and where the data may live.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (e.g. mouazara-prod); names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('''Azure region for every resource, so also for applicants' personal data (tables, attachments, task hub).
Law 09-08: Azure has no region in Morocco today, so any region is a transfer of personal data abroad; the
programme's legal team decides where, with the CNDP (authorisation, or a country the CNDP recognises as
adequate). See "Where applicants' data lives" in infra/README.md. Not legal advice.''')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

// Microsoft Entra ID: who may call staff and finance endpoints (infra/scripts/entra-app-roles.sh prints these).
@minLength(1)
@description('Client (application) id of the "Mouazara API" app registration: the aud of staff and finance tokens.')
param apiClientId string

@description('Tenant that issues staff and finance tokens; the deployment\'s tenant unless the API is registered elsewhere.')
param authTenantId string = tenant().tenantId

// Email
@minLength(3)
@description('Sender address of every email; must be a verified sender or domain in SendGrid.')
param emailFromAddress string

@description('Sender name shown to applicants and committee members.')
param emailFromName string = 'Mouazara'

@description('Public https base address for links in emails (a custom domain, with a trailing slash); empty for the Function App\'s own address.')
param publicBaseUrl string = ''

@description('Comma-separated form providers whose webhooks are switched on: generic, kobo, typeform, tally.')
param intakeProviders string = 'generic'

// Hosts the app may download applicants' files from, per provider: the same defaults as
// src/Mouazara/Intake/IntakeOptions.cs (FileHosts). Nothing else is ever fetched.
@description('Comma-separated hosts the generic sender\'s file links may point to (*.example.org for subdomains); empty: files only inline.')
param intakeFileHostsGeneric string = ''

@description('Comma-separated KoboToolbox hosts file links may point to; a self-hosted KoboToolbox adds its own.')
param intakeFileHostsKobo string = 'kf.kobotoolbox.org,kc.kobotoolbox.org,eu.kobotoolbox.org,kc-eu.kobotoolbox.org'

@description('Comma-separated Typeform hosts file links may point to.')
param intakeFileHostsTypeform string = 'api.typeform.com,api.eu.typeform.com,api.typeform.eu'

@description('Comma-separated Tally hosts file links may point to.')
param intakeFileHostsTally string = 'storage.tally.so'

// Secrets. Each is written to Key Vault only when given; leave empty to keep the vault's current version
// (CI provisions with all of them empty). Pass them once, for the first provisioning (infra/README.md).
@secure()
@description('SendGrid API key with the Mail Send permission.')
param sendGridApiKey string = ''

@secure()
@description('Base64 key of at least 32 bytes that signs emailed links (openssl rand -base64 32).')
param linkSigningKey string = ''

@secure()
@description('The link key before the last rotation; empty seeds it with linkSigningKey.')
param linkPreviousSigningKey string = ''

@secure()
@description('Secret of the generic intake webhook (HMAC-SHA256).')
param intakeSecretGeneric string = ''

@secure()
@description('KoboToolbox REST Service credentials (user:password).')
param intakeSecretKobo string = ''

@secure()
@description('Typeform webhook secret.')
param intakeSecretTypeform string = ''

@secure()
@description('Tally signing secret.')
param intakeSecretTally string = ''

@secure()
@description('KoboToolbox API key of the project owner, for downloading applicants\' files from Kobo deliveries.')
param intakeApiKeyKobo string = ''

@secure()
@description('Typeform personal access token (responses:read), for downloading applicants\' files from Typeform deliveries.')
param intakeApiKeyTypeform string = ''

// Operations
@description('Object id of an Entra ID group of operators, given data-plane access for backup, restore, secret rotation and durable monitoring; empty for none.')
param operatorsGroupObjectId string = ''

@description('Durable Functions task hub name (letters and digits, starting with a letter).')
@minLength(3)
@maxLength(45)
param taskHubName string = 'mouazara'

@allowed([
  'azureStorage'
  'durableTaskScheduler'
])
@description('''Durable backend: azureStorage (queues and tables of the app's storage account, the default) or
durableTaskScheduler (the managed Durable Task Scheduler, for more throughput; docs/performance.md "Scale-out path").
The scheduler needs the app built with its Durable Functions extension (infra/README.md).''')
param durableBackend string = 'azureStorage'

@allowed([
  'Consumption'
  'Dedicated'
])
@description('Durable Task Scheduler SKU when durableBackend is durableTaskScheduler.')
param schedulerSku string = 'Consumption'

@description('Storage redundancy; see app/storage.bicep.')
param storageSku string = 'Standard_ZRS'

@description('Days deleted attachments and containers stay recoverable, and the point-in-time restore window (minus a day).')
param blobSoftDeleteDays int = 30

@description('''Days raw form-provider deliveries (attachments/inbox/) are kept. They hold applicants' personal data as
sent; a processed application keeps its own copies in tables and document blobs (law 09-08: keep no longer than needed).''')
@minValue(30)
param inboxRetentionDays int = 365

@description('Days Log Analytics keeps logs and telemetry.')
param logRetentionDays int = 90

@description('Keep Key Vault purge protection on (it cannot be turned off once on).')
param keyVaultPurgeProtection bool = true

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'mouazara'
}
// Names are computed here, not read from module outputs, so that What-If can predict every resource.
var names = {
  identity: 'id-mouazara-${resourceToken}'
  storage: 'stmz${resourceToken}'
  logAnalytics: 'log-mouazara-${resourceToken}'
  applicationInsights: 'appi-mouazara-${resourceToken}'
  keyVault: 'kv-mz-${resourceToken}'
  plan: 'plan-mouazara-${resourceToken}'
  functionApp: 'func-mouazara-${resourceToken}'
  scheduler: 'dts-mouazara-${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
}
// Storage:AttachmentsContainer, the default in src/Mouazara/Storage/StorageOptions.cs (a test compares them).
var attachmentsContainer = 'attachments'
var keyVaultSecretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  linkSigningKey: 'links-signing-key'
  linkPreviousSigningKey: 'links-previous-signing-key'
  intakeGeneric: 'intake-secret-generic'
  intakeKobo: 'intake-secret-kobo'
  intakeTypeform: 'intake-secret-typeform'
  intakeTally: 'intake-secret-tally'
  intakeApiKeyKobo: 'intake-api-key-kobo'
  intakeApiKeyTypeform: 'intake-api-key-typeform'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSku
    attachmentsContainerName: attachmentsContainer
    deploymentContainerName: names.deploymentContainer
    taskHubName: taskHubName
    softDeleteRetentionDays: blobSoftDeleteDays
    inboxRetentionDays: inboxRetentionDays
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    enablePurgeProtection: keyVaultPurgeProtection
    secretNames: keyVaultSecretNames
    sendGridApiKey: sendGridApiKey
    linkSigningKey: linkSigningKey
    linkPreviousSigningKey: linkPreviousSigningKey
    intakeSecretGeneric: intakeSecretGeneric
    intakeSecretKobo: intakeSecretKobo
    intakeSecretTypeform: intakeSecretTypeform
    intakeSecretTally: intakeSecretTally
    intakeApiKeyKobo: intakeApiKeyKobo
    intakeApiKeyTypeform: intakeApiKeyTypeform
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
    operatorsGroupObjectId: operatorsGroupObjectId
  }
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
}

var useScheduler = durableBackend == 'durableTaskScheduler'

module scheduler 'app/scheduler.bicep' = if (useScheduler) {
  name: 'scheduler'
  scope: rg
  params: {
    name: names.scheduler
    location: location
    tags: tags
    taskHubName: taskHubName
    skuName: schedulerSku
    identityName: names.identity
    operatorsGroupObjectId: operatorsGroupObjectId
  }
  dependsOn: [
    identity
  ]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    attachmentsContainerName: attachmentsContainer
    keyVaultName: names.keyVault
    keyVaultSecretNames: keyVaultSecretNames
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    taskHubName: taskHubName
    schedulerEndpoint: useScheduler ? scheduler!.outputs.endpoint : ''
    alwaysReadyDurableInstances: 1
    maximumInstanceCount: 100
    instanceMemoryMB: 2048
    authTenantId: authTenantId
    authAudience: apiClientId
    publicBaseUrl: publicBaseUrl
    emailFromAddress: emailFromAddress
    emailFromName: emailFromName
    intakeProviders: map(split(intakeProviders, ','), provider => trim(provider))
    intakeFileHosts: {
      generic: intakeFileHostsGeneric
      kobo: intakeFileHostsKobo
      typeform: intakeFileHostsTypeform
      tally: intakeFileHostsTally
    }
    maxIntakeBodyBytes: 90 * 1024 * 1024
    maxDocumentBytes: 10 * 1024 * 1024
  }
  // The identity must hold its roles before the app starts, or its first start fails on storage and Key Vault.
  dependsOn: [
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output MOUAZARA_PUBLIC_BASE_URL string = api.outputs.publicBaseUrl
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output DURABLE_TASK_HUB string = taskHubName
output DURABLE_BACKEND string = durableBackend
