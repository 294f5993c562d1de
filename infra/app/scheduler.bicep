// The Durable Task Scheduler: Durable Functions' managed backend, chosen with main.bicep's durableBackend
// parameter when one storage account's queues become the bottleneck (docs/performance.md, "Scale-out path").
// The app reaches it with its managed identity only: no key exists.

param name string
param location string
param tags object

@description('Task hub name: the one host.json names (%Durable:TaskHub%), so switching backends keeps the setting.')
param taskHubName string

@allowed([
  'Consumption'
  'Dedicated'
])
@description('Consumption: billed per action, for this programme\'s bursty volume; Dedicated: reserved capacity units.')
param skuName string

@description('The Function App\'s user-assigned identity, given the data-plane role on this scheduler alone.')
param identityName string

@description('Object id of the operators group (durable monitoring in the scheduler\'s dashboard); empty for none.')
param operatorsGroupObjectId string

// Durable Task Data Contributor: start, query and run orchestrations and activities of the scheduler's task hubs.
var durableTaskDataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    // Access is decided by Entra ID roles below; an empty list would refuse every caller, the app included.
    ipAllowlist: [
      '0.0.0.0/0'
    ]
    sku: {
      name: skuName
    }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

resource appRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduler.id, identity.id, durableTaskDataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorsGroupObjectId)) {
  name: guid(scheduler.id, operatorsGroupObjectId, durableTaskDataContributor)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
    principalId: operatorsGroupObjectId
    principalType: 'Group'
  }
}

output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
