// Data-plane roles, least privilege, one assignment each. The app's managed identity gets exactly what the
// Functions host, the durable backend, the product, Key Vault references and AAD-authenticated telemetry
// need; an optional operators group gets what docs/operations.md asks operators to do.

@description('The Function App\'s user-assigned managed identity.')
param identityName string

param storageAccountName string
param keyVaultName string
param applicationInsightsName string

@description('Object id of an Entra ID group of operators (backup, restore, secret rotation, durable monitoring); empty for none.')
param operatorsGroupObjectId string

var roles = {
  // Storage Blob Data Owner: the Functions host's documented minimum for an identity-based AzureWebJobsStorage
  // (host locks, keys, the Flex deployment package); it also covers the task hub's blobs and the attachments.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Storage Blob Data Contributor: read, write and delete blobs, no ACL management (operators).
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  // Storage Queue Data Contributor: the durable backend's control and work-item queues.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Storage Table Data Contributor: the durable backend's instance and history tables, and the product's tables.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Key Vault Secrets User: read secret values, so Key Vault references resolve; cannot list or change them.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Key Vault Secrets Officer: add secret versions (rotation) without managing the vault's access (operators).
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  // Monitoring Metrics Publisher: send telemetry to an Application Insights resource whose local auth is off.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

var appPrincipalId = identity.properties.principalId

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var appStorageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in appStorageRoles: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource appTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

var operatorStorageRoles = empty(operatorsGroupObjectId)
  ? []
  : [
      roles.storageBlobDataContributor
      roles.storageQueueDataContributor
      roles.storageTableDataContributor
    ]

resource operatorStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in operatorStorageRoles: {
    name: guid(storage.id, operatorsGroupObjectId, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: operatorsGroupObjectId
      principalType: 'Group'
    }
  }
]

resource operatorSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorsGroupObjectId)) {
  name: guid(vault.id, operatorsGroupObjectId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: operatorsGroupObjectId
    principalType: 'Group'
  }
}
