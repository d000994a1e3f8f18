package org.pmoresearch.analytics.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/** The Spring Cloud Stream consumers; their names are listed in spring.cloud.function.definition. */
@Configuration(proxyBeanMethods = false)
class StreamFunctions {

    @Bean
    Consumer<Message<List<byte[]>>> responses(ResponseBatchConsumer batchConsumer) {
        return batchConsumer::accept;
    }

    @Bean
    Consumer<Message<byte[]>> catalogue(CatalogueConsumer catalogueConsumer) {
        return catalogueConsumer::accept;
    }
}
