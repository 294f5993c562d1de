// One storage account holds everything: applicants' attachments (blobs), the product's tables, the
// durable task hub (queues, tables, blobs), the Functions host's own state and the Flex deployment
// package. Keys are disabled: every caller authenticates with Entra ID.

param name string
param location string
param tags object

@description('Redundancy. ZRS keeps three copies in the region\'s zones; GRS/GZRS also copy to the paired region, which is a transfer to another country to weigh under law 09-08 (see infra/README.md).')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Private container for applicants\' documents (Storage:AttachmentsContainer).')
param attachmentsContainerName string

@description('Private container Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Durable task hub name: its own blobs are versioned far more often than attachments, so their old versions expire fast.')
param taskHubName string

@description('Days a deleted or overwritten attachment (or deleted container) can be recovered.')
@minValue(7)
@maxValue(365)
param softDeleteRetentionDays int

@description('Days a raw form-provider delivery (a blob under inbox/ in the attachments container) is kept. At least 30, so that a failed delivery can still be re-processed.')
@minValue(30)
param inboxRetentionDays int

// Every table the product keeps: the same list as src/Mouazara/Storage/TableNames.cs (a test compares them).
var tableNames = [
  'Editions'
  'Applications'
  'ApplicationIndex'
  'Documents'
  'ReviewTasks'
  'Votes'
  'Tranches'
  'DisbursementLedger'
  'AuditLog'
  'Selections'
  'Reports'
  'Emails'
  'IntakeDeliveries'
  'DocumentReads'
  'IndicatorFacts'
  'ReviewAssignments'
  'ReviewRevisions'
]

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
        }
        file: {
          enabled: true
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

// Soft delete, versioning, change feed and point-in-time restore: a deleted or overwritten attachment can
// be brought back, and the whole account's blobs can be rolled back to a moment (docs/operations.md).
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    changeFeed: {
      enabled: true
      retentionInDays: softDeleteRetentionDays
    }
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    restorePolicy: {
      enabled: true
      days: softDeleteRetentionDays - 1
    }
  }
}

resource attachments 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: attachmentsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Durable Functions on the Azure Storage backend needs queues (its control and work-item queues).
resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

// ...and tables (its instances and history), next to the product's own.
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

// Versioning keeps every overwrite. The host's and the task hub's blobs (leases, large messages) are
// rewritten all day, so their previous versions go after a day; attachments keep theirs.
//
// Raw deliveries from the form providers (src/Mouazara/Intake/Inbox/DeliveryInbox.cs keeps them under
// inbox/ in the attachments container) hold applicants' personal data as sent, and law 09-08 allows keeping
// it only as long as needed. Once processed, the application has its own copies (tables, document blobs),
// so the raw delivery goes after inboxRetentionDays; its versions with it, or versioning would keep a copy
// of each deleted blob forever (soft delete then keeps it softDeleteRetentionDays more).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-runtime-blob-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${toLower(taskHubName)}-'
                'azure-webjobs-'
                '${deploymentContainerName}/'
              ]
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: 1
                }
              }
            }
          }
        }
        {
          name: 'expire-intake-inbox'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${attachmentsContainerName}/inbox/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: inboxRetentionDays
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: inboxRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deployments.name}'
output attachmentsContainerName string = attachments.name
