// The one identity the Function App runs as: storage, Key Vault and Application Insights all trust it,
// so no key or connection string is ever configured.

@description('Name of the user-assigned managed identity.')
param name string

@description('Region of the identity; the same as everything else.')
param location string

param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
